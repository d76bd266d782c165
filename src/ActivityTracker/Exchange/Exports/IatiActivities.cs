using System.Globalization;
using System.Xml;
using ActivityTracker.Activities;
using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Decisions;
using ActivityTracker.Organisations;

namespace ActivityTracker.Exchange.Exports;

/// <summary>
/// The IATI 2.03 <c>iati-activities</c> document, one <c>iati-activity</c> per activity, its elements in the
/// schema's order. Mapping decisions (docs/exchange.md, "IATI 2.03"):
/// <list type="bullet">
/// <item>IOM reports every activity: <c>reporting-org</c> <c>XM-DAC-47066</c>, type 40 (multilateral); identifiers are
/// <c>XM-DAC-47066-{activity id}</c>, the activity id being its stream id, stable for ever.</item>
/// <item><c>participating-org</c>: each partner with its role (the <see cref="OrganisationRole"/> values are IATI's codes),
/// the type and IATI identifier of the organisation it stands for today (merges followed). The schema needs at least
/// one: an activity with no partner lists IOM as accountable (2), since it reports it under its programme.</item>
/// <item><c>activity-date</c>: planned start 1, actual start 2, planned end 3, actual end 4; an activity held on separate days
/// has its first and last as start and end, and every day in a narrative of the actual start. The schema needs one; an
/// activity whose source gives no date gets a planned start (1) on the day it was recorded, and a narrative saying so.</item>
/// <item><c>recipient-country</c>: the host country; for a regional activity its participating countries, shares
/// split evenly to sum to 100. With neither, none (the source names no country).</item>
/// <item><c>location</c> when a place, admin-1 or coordinates are known: <c>location-reach</c> 1 (where the activity
/// happens), the place as name, admin-1 and country as description (IATI's <c>administrative</c> needs a code, which the
/// activity does not hold), a WGS 84 point when coordinates are given.</item>
/// <item><c>sector</c>: vocabulary 1 (DAC 5-digit); <c>description</c>: an activity without one repeats its title, as the
/// schema requires a description.</item>
/// <item>Results: see <see cref="IatiResults"/>.</item>
/// </list>
/// </summary>
public static class IatiActivities
{
    public const string Version = "2.03";
    public const string IomIdentifier = "XM-DAC-47066";
    public const string ContentType = "application/xml; charset=utf-8";
    const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    const string Wgs84 = "http://www.opengis.net/def/crs/EPSG/0/4326";
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string IdentifierOf(Guid activityId) => $"{IomIdentifier}-{activityId}";

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<ActivityDetails> activities, ExportRegisters registers, DateTimeOffset generatedAt, CancellationToken ct)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "iati-activities", null);
        await xml.WriteAttributeStringAsync(null, "version", null, Version);
        await xml.WriteAttributeStringAsync(null, "generated-datetime", null, Instant(generatedAt));
        await foreach (var activity in activities.WithCancellation(ct))
        {
            await WriteActivityAsync(xml, activity, registers, DateOnly.FromDateTime(generatedAt.UtcDateTime));
            await xml.FlushAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    static async Task WriteActivityAsync(XmlWriter xml, ActivityDetails a, ExportRegisters registers, DateOnly exportDay)
    {
        await xml.WriteStartElementAsync(null, "iati-activity", null);
        // From the event timestamps (the activity's last change), so a rebuild exports the same instant.
        await xml.WriteAttributeStringAsync(null, "last-updated-datetime", null, Instant(a.LastChangedAt));
        await xml.WriteAttributeStringAsync("xml", "lang", XmlNamespace, a.Language);

        await Element(xml, "iati-identifier", text: IdentifierOf(a.Id));
        await xml.WriteStartElementAsync(null, "reporting-org", null);
        await xml.WriteAttributeStringAsync(null, "ref", null, IomIdentifier);
        await xml.WriteAttributeStringAsync(null, "type", null, Code(OrganisationType.Multilateral));
        await Narrative(xml, "International Organization for Migration", "en");
        await xml.WriteEndElementAsync();

        await Narratives(xml, "title", [(a.Title, a.Language)]);
        await xml.WriteStartElementAsync(null, "description", null);
        await xml.WriteAttributeStringAsync(null, "type", null, "1");
        await Narrative(xml, a.Description ?? a.Title, a.Language);
        await xml.WriteEndElementAsync();

        await ParticipatingOrgsAsync(xml, a, registers);
        await Element(xml, "activity-status", ("code", Code(a.Status)));
        await ActivityDatesAsync(xml, a);
        await RecipientCountriesAsync(xml, a);
        await LocationAsync(xml, a, registers);

        await xml.WriteStartElementAsync(null, "sector", null);
        await xml.WriteAttributeStringAsync(null, "vocabulary", null, "1");
        await xml.WriteAttributeStringAsync(null, "code", null, a.SectorCode);
        if (registers.Codes.Sectors.GetValueOrDefault(a.SectorCode) is { } sector)
        {
            await Narrative(xml, sector.NameEn, "en");
            await Narrative(xml, sector.NameEs, "es");
        }
        await xml.WriteEndElementAsync();

        foreach (var source in a.Sources)
            await DocumentLinkAsync(xml, source, a.Language);
        foreach (var outcome in a.Outcomes)
            await IatiResults.WriteAsync(xml, a, outcome, registers, exportDay);
        await xml.WriteEndElementAsync();
    }

    // A source the report cites (a news item, a report) is a link to a page about the activity: category A12, "Activity web
    // page"; titled by its title, else its address; its format told by the address's file name (a web page when it names none).
    static async Task DocumentLinkAsync(XmlWriter xml, Source source, string language)
    {
        await xml.WriteStartElementAsync(null, "document-link", null);
        await xml.WriteAttributeStringAsync(null, "url", null, source.Url);
        await xml.WriteAttributeStringAsync(null, "format", null, FormatOf(source.Url));
        await Narratives(xml, "title", [(source.Title ?? source.Url, language)]);
        await Element(xml, "category", ("code", "A12"));
        await xml.WriteEndElementAsync();
    }

    /// <summary>The IANA media type of a linked document, by the extension of its address's path.</summary>
    public static string FormatOf(string url) =>
        (Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetExtension(uri.AbsolutePath).ToLowerInvariant() : "") switch
        {
            ".pdf" => "application/pdf",
            ".doc" => "application/msword",
            ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".xls" => "application/vnd.ms-excel",
            ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".ppt" => "application/vnd.ms-powerpoint",
            ".pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            ".csv" => "text/csv",
            _ => "text/html",
        };

    static async Task ParticipatingOrgsAsync(XmlWriter xml, ActivityDetails a, ExportRegisters registers)
    {
        if (a.Partners.Count == 0)
        {
            await xml.WriteStartElementAsync(null, "participating-org", null);
            await xml.WriteAttributeStringAsync(null, "ref", null, IomIdentifier);
            await xml.WriteAttributeStringAsync(null, "type", null, Code(OrganisationType.Multilateral));
            await xml.WriteAttributeStringAsync(null, "role", null, Code(OrganisationRole.Accountable));
            await Narrative(xml, "International Organization for Migration", "en");
            await xml.WriteEndElementAsync();
            return;
        }
        foreach (var partner in a.Partners)
        {
            var organisation = registers.Organisation(partner.OrganisationCode);
            await xml.WriteStartElementAsync(null, "participating-org", null);
            if (organisation?.IatiIdentifier is { } identifier)
                await xml.WriteAttributeStringAsync(null, "ref", null, identifier);
            if (organisation is not null)
                await xml.WriteAttributeStringAsync(null, "type", null, Code(organisation.Type));
            await xml.WriteAttributeStringAsync(null, "role", null, Code(partner.Role));
            // An organisation's name is in no particular language; it is given once, untagged.
            await Narrative(xml, organisation?.Name ?? partner.OrganisationCode, null);
            await xml.WriteEndElementAsync();
        }
    }

    static async Task ActivityDatesAsync(XmlWriter xml, ActivityDetails a)
    {
        var dates = new (int Type, DateOnly? Date)[] { (1, a.PlannedStart), (2, a.ActualStart), (3, a.PlannedEnd), (4, a.ActualEnd) }
            .Where(d => d.Date is not null).ToList();
        foreach (var (type, date) in dates)
        {
            await xml.WriteStartElementAsync(null, "activity-date", null);
            await xml.WriteAttributeStringAsync(null, "type", null, type.ToString(Invariant));
            await xml.WriteAttributeStringAsync(null, "iso-date", null, IsoDate(date!.Value));
            // IATI has one actual start and end: the separate days between are said in words.
            if (type == 2 && a.Sessions.Count > 0)
            {
                var days = string.Join(", ", a.Sessions.Select(s => s.Place is null ? IsoDate(s.Day) : $"{IsoDate(s.Day)} ({s.Place})"));
                await Narrative(xml, $"Held on {a.Sessions.Count} separate days: {days}.", "en");
                await Narrative(xml, $"Celebrada en {a.Sessions.Count} días separados: {days}.", "es");
            }
            await xml.WriteEndElementAsync();
        }
        if (dates.Count > 0)
            return;
        await xml.WriteStartElementAsync(null, "activity-date", null);
        await xml.WriteAttributeStringAsync(null, "type", null, "1");
        await xml.WriteAttributeStringAsync(null, "iso-date", null, IsoDate(DateOnly.FromDateTime(a.RecordedAt.UtcDateTime)));
        await Narrative(xml, "No date is known for this activity; this is the day it was recorded.", "en");
        await Narrative(xml, "No se conoce la fecha de esta actividad; esta es la fecha en que se registró.", "es");
        await xml.WriteEndElementAsync();
    }

    static async Task RecipientCountriesAsync(XmlWriter xml, ActivityDetails a)
    {
        if (a.Location.CountryCode is { } host)
        {
            await Element(xml, "recipient-country", ("code", host), ("percentage", "100"));
            return;
        }
        var countries = a.ParticipatingCountries.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var shares = EvenShares(countries.Count);
        for (var i = 0; i < countries.Count; i++)
            await Element(xml, "recipient-country", ("code", countries[i]), ("percentage", shares[i].ToString("0.##", Invariant)));
    }

    /// <summary>100 split into <paramref name="count"/> shares of two decimals that add up to exactly 100 (the last takes the rounding).</summary>
    public static IReadOnlyList<decimal> EvenShares(int count)
    {
        if (count == 0)
            return [];
        var share = Math.Round(100m / count, 2, MidpointRounding.ToZero);
        return [.. Enumerable.Repeat(share, count - 1), 100m - share * (count - 1)];
    }

    static async Task LocationAsync(XmlWriter xml, ActivityDetails a, ExportRegisters registers)
    {
        var place = a.Location;
        if (place.Place is null && place.Admin1 is null && place.Latitude is null)
            return;
        await xml.WriteStartElementAsync(null, "location", null);
        await Element(xml, "location-reach", ("code", "1"));
        if ((place.Place ?? place.Admin1) is { } name)
            await Narratives(xml, "name", [(name, null)]);
        var country = place.CountryCode is { } code ? registers.Codes.Countries.GetValueOrDefault(code)?.NameEn : null;
        var within = string.Join(", ", new[] { place.Place is null ? null : place.Admin1, country }.OfType<string>());
        if (within.Length > 0)
            await Narratives(xml, "description", [(within, null)]);
        if (place is { Latitude: { } latitude, Longitude: { } longitude })
        {
            await xml.WriteStartElementAsync(null, "point", null);
            await xml.WriteAttributeStringAsync(null, "srsName", null, Wgs84);
            await xml.WriteElementStringAsync(null, "pos", null, FormattableString.Invariant($"{latitude:R} {longitude:R}"));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    }

    // Small writing helpers shared with IatiResults.

    internal static async Task Element(XmlWriter xml, string name, params (string Name, string Value)[] attributes) =>
        await Element(xml, name, null, attributes);

    internal static async Task Element(XmlWriter xml, string name, string? text, params (string Name, string Value)[] attributes)
    {
        await xml.WriteStartElementAsync(null, name, null);
        foreach (var (attribute, value) in attributes)
            await xml.WriteAttributeStringAsync(null, attribute, null, PlainText.Mend(value));
        if (text is not null)
            await xml.WriteStringAsync(PlainText.Mend(text));
        await xml.WriteEndElementAsync();
    }

    /// <summary>An element holding one narrative per text; a null language leaves the activity's default.</summary>
    internal static async Task Narratives(XmlWriter xml, string element, IEnumerable<(string Text, string? Language)> texts)
    {
        await xml.WriteStartElementAsync(null, element, null);
        foreach (var (text, language) in texts)
            await Narrative(xml, text, language);
        await xml.WriteEndElementAsync();
    }

    /// <summary>
    /// Every text a person entered is written here or in <c>Element</c>, mended: XML cannot hold U+FFFF and the
    /// like, and text stored before <see cref="PlainText"/> was enforced may.
    /// </summary>
    internal static async Task Narrative(XmlWriter xml, string text, string? language)
    {
        await xml.WriteStartElementAsync(null, "narrative", null);
        if (language is not null)
            await xml.WriteAttributeStringAsync("xml", "lang", XmlNamespace, language);
        await xml.WriteStringAsync(PlainText.Mend(text));
        await xml.WriteEndElementAsync();
    }

    internal static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);
    static string Instant(DateTimeOffset instant) => XmlConvert.ToString(instant);
    static string Code<T>(T value) where T : Enum => Convert.ToInt32(value, Invariant).ToString(Invariant);
}
