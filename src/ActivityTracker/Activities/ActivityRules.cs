using ActivityTracker.Activities.GettingDetails;
using ActivityTracker.Breakdowns;
using ActivityTracker.Decisions;
using ActivityTracker.Indicators;
using ActivityTracker.Localization;

namespace ActivityTracker.Activities;

/// <summary>
/// The rules shared by the activity commands, as pure functions. Each checks one part of a
/// command, adds a message per bad field (named by its JSON path) and returns the part in
/// its canonical form, or null when it is invalid.
/// </summary>
public static class ActivityRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int NameMaxLength = 200;
    public const int NoteMaxLength = 2000;
    public const int UrlMaxLength = 2000;

    // The most items each list of a command may hold (FieldRules.LimitCount): far above a real report, low enough to
    // bound the work and the events of one request.
    /// <summary>Participating countries: a regional activity of the whole Americas has about 35.</summary>
    public const int CountriesMax = 60;
    public const int TagsMax = 20;
    public const int OutcomesMax = 50;
    public const int PartnersMax = 50;
    public const int SourcesMax = 50;
    /// <summary>The most separate days one activity is held on (a course meeting weekly for a year).</summary>
    public const int SessionsMax = 60;
    /// <summary>Notes one imported row may add (a line each); the API adds them one at a time.</summary>
    public const int NotesPerRowMax = 20;
    /// <summary>Participant groups: every sex, age band and combination of the two is fewer.</summary>
    public const int GroupsMax = 30;
    public const int NationalitiesMax = 100;
    /// <summary>The parts of one outcome's breakdown, every dimension together (countries of origin being the most).</summary>
    public const int BreakdownMax = 100;
    /// <summary>The parts of one whole along defined dimensions, every dimension together (an organisation dimension the most).</summary>
    public const int PartsMax = 100;

    /// <summary>Why the activity's facts cannot change in its current state, or null when they can.</summary>
    public static string? WhyFrozen(ActivityDetails activity) => activity switch
    {
        { IsCancelled: true } => Messages.Text("Frozen_Cancelled"),
        { Review: ReviewState.Submitted } => Messages.Text("Frozen_Submitted"),
        { Review: ReviewState.Approved } => Messages.Text("Frozen_Approved", activity.ApprovedVersion),
        _ => null,
    };

    public static string? Code(FieldErrors errors, string field, string? code, IReadOnlyDictionary<string, Reference.NamedCode> list, string what, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.When(required, field, Messages.Text("CodeRequired", what));
            return null;
        }
        if (list.TryGetValue(code.Trim(), out var known))
            return known.Code;
        errors.Add(field, Messages.Text("UnknownCode", code, what, string.Join(", ", list.Keys)));
        return null;
    }

    /// <summary>
    /// An activity kind the catalog has (as stored: a kind added on another node a moment ago counts); an unknown one is named
    /// with the kinds this node knows, to choose from.
    /// </summary>
    public static string? Kind(FieldErrors errors, string field, string? code, Catalog catalog)
    {
        var what = Messages.Text("Noun_ActivityKind");
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(field, Messages.Text("CodeRequired", what));
            return null;
        }
        if (catalog.Kinds.TryGetValue(code.Trim(), out var known))
            return known.Code;
        errors.Add(field, Messages.Text("UnknownCode", code, what, string.Join(", ", catalog.Codes.ActivityKinds.Keys)));
        return null;
    }

    public static string? Country(FieldErrors errors, string field, string? code, Catalog catalog)
    {
        if (code is null)
            return null;
        if (catalog.Codes.Countries.TryGetValue(code.Trim(), out var country))
            return country.Alpha2;
        errors.Add(field, Messages.Text("NotACountry", code));
        return null;
    }

    public static IReadOnlyList<string> Countries(FieldErrors errors, string field, IReadOnlyList<string?>? codes, Catalog catalog)
    {
        var result = new List<string>();
        if (!errors.LimitCount(field, codes, CountriesMax))
            return result;
        for (var i = 0; i < (codes?.Count ?? 0); i++)
        {
            if (codes![i] is null)
                errors.Add($"{field}[{i}]", Messages.Text("CountryCodeRequired"));
            else if (Country(errors, $"{field}[{i}]", codes[i], catalog) is { } code && !result.Contains(code))
                result.Add(code);
        }
        return result;
    }

    public static IReadOnlyList<string> Tags(FieldErrors errors, string field, IReadOnlyList<string?>? tags, Catalog catalog)
    {
        var result = new List<string>();
        if (!errors.LimitCount(field, tags, TagsMax))
            return result;
        for (var i = 0; i < (tags?.Count ?? 0); i++)
            if (Code(errors, $"{field}[{i}]", tags![i], catalog.Codes.Themes, Messages.Text("Noun_Theme")) is { } tag && !result.Contains(tag))
                result.Add(tag);
        return result;
    }

    public static string? Programme(FieldErrors errors, string field, string? code, Catalog catalog)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(field, Messages.Text("ProgrammeCodeRequired"));
            return null;
        }
        if (catalog.Programmes.TryGetValue(code.Trim(), out var programme))
            return programme.Code;
        errors.Add(field, Messages.Text("NotAProgramme", code));
        return null;
    }

    /// <summary>
    /// The lists a recording reads item by item (each item an event) within their caps; when one is not, its items
    /// are not read at all (15,000 sources took 6 s).
    /// </summary>
    public static bool Bounded(FieldErrors errors, IReadOnlyList<OutcomeInput>? outcomes, IReadOnlyList<PartnerInput>? partners, IReadOnlyList<SourceInput>? sources) =>
        errors.LimitCount("outcomes", outcomes, OutcomesMax)
        & errors.LimitCount("partners", partners, PartnersMax)
        & errors.LimitCount("sources", sources, SourcesMax);

    /// <summary>End not before start.</summary>
    public static void Period(FieldErrors errors, string endField, DateOnly? start, DateOnly? end)
    {
        errors.When(start is { } s && end is { } e && e < s, endField, Messages.Text("EndBeforeStart", end, start));
    }

    /// <summary>
    /// The separate days an activity was held on, when given: at least two, each once, none after today, each place at most
    /// <see cref="NameMaxLength"/>; the first and last are its start and end (given as well, they must be those days). Returns
    /// the sessions in day order with the start and end they make, or the given dates when there are none.
    /// </summary>
    public static (IReadOnlyList<Session> Sessions, DateOnly? Start, DateOnly? End) Sessions(FieldErrors errors, IReadOnlyList<SessionInput>? input,
        DateOnly? start, DateOnly? end, DateOnly today)
    {
        if (input is not { Count: > 0 } || !errors.LimitCount("sessions", input, SessionsMax))
            return ([], start, end);
        errors.When(input.Count == 1, "sessions", Messages.Text("SessionsOne"));
        var sessions = new List<Session>();
        for (var i = 0; i < input.Count; i++)
        {
            var place = errors.Text($"sessions[{i}].place", input[i].Place, NameMaxLength, false, Messages.Text("What_PlaceName"));
            if (input[i].Day is not { } day)
                errors.Add($"sessions[{i}].day", Messages.Text("SessionDayRequired"));
            else if (day > today)
                errors.Add($"sessions[{i}].day", Messages.Text("ActualStartInFuture", day));
            else if (sessions.Any(s => s.Day == day))
                errors.Add($"sessions[{i}].day", Messages.Text("SessionDayTwice", day));
            else
                sessions.Add(new Session(day, place));
        }
        sessions.Sort((a, b) => a.Day.CompareTo(b.Day));
        if (sessions.Count == 0)
            return ([], start, end);
        var (first, last) = (sessions[0].Day, sessions[^1].Day);
        errors.When(start is { } s && s != first, "actualStart", Messages.Text("SessionsStart", first));
        errors.When(end is { } e && e != last, "actualEnd", Messages.Text("SessionsEnd", last));
        return (sessions, first, last);
    }

    /// <summary>Actual dates: start required when any is given, no date after today, end not before start.</summary>
    public static void ActualDates(FieldErrors errors, string prefix, DateOnly? start, DateOnly? end, DateOnly today)
    {
        errors.When(start is null && end is not null, $"{prefix}Start", Messages.Text("ActualStartRequiredWithEnd"));
        errors.When(start > today, $"{prefix}Start", Messages.Text("ActualStartInFuture", start));
        errors.When(end > today, $"{prefix}End", Messages.Text("ActualEndInFuture", end));
        Period(errors, $"{prefix}End", start, end);
    }

    public static Location? Location(FieldErrors errors, string field, LocationInput? input, Catalog catalog)
    {
        if (input is null)
            return null;
        var before = errors.Count;
        var country = Country(errors, $"{field}.countryCode", input.CountryCode, catalog);
        var admin1 = errors.Text($"{field}.admin1", input.Admin1, NameMaxLength, false, Messages.Text("What_FirstLevelDivision"));
        var place = errors.Text($"{field}.place", input.Place, NameMaxLength, false, Messages.Text("What_PlaceName"));
        errors.When(input.Latitude is < -90 or > 90, $"{field}.latitude", Messages.Text("LatitudeRange"));
        errors.When(input.Longitude is < -180 or > 180, $"{field}.longitude", Messages.Text("LongitudeRange"));
        errors.When(input.Latitude is null != input.Longitude is null, input.Latitude is null ? $"{field}.latitude" : $"{field}.longitude",
            Messages.Text("CoordinatesBoth"));
        return errors.Count == before ? new Location(country, admin1, place, input.Latitude, input.Longitude) : null;
    }

    public static Correction? Correction(FieldErrors errors, string field, CorrectionInput? input, bool required, string why)
    {
        if (input is null)
        {
            errors.When(required, field, why);
            return null;
        }
        errors.When(input.Reason is null, $"{field}.reason", Messages.Text("CorrectionReasonRequired", string.Join(", ", Enum.GetNames<CorrectionReason>())));
        var note = errors.Text($"{field}.note", input.Note, FieldRules.ReasonMaxLength, false, Messages.Text("What_Note"));
        return input.Reason is { } reason ? new Correction(reason, note) : null;
    }

    public static Partner? Partner(FieldErrors errors, string field, PartnerInput? input, Catalog catalog)
    {
        if (input is null)
        {
            errors.Add(field, Messages.Text("PartnerRequired"));
            return null;
        }
        errors.When(input.Role is null, $"{field}.role", Messages.Text("IatiRoleRequired"));
        if (string.IsNullOrWhiteSpace(input.OrganisationCode))
        {
            errors.Add($"{field}.organisationCode", Messages.Text("OrganisationCodeRequired"));
            return null;
        }
        if (!catalog.Organisations.TryGetValue(input.OrganisationCode.Trim(), out var organisation))
        {
            errors.Add($"{field}.organisationCode", Messages.Text("NotAnOrganisation", input.OrganisationCode));
            return null;
        }
        if (organisation.MergedIntoCode is { } survivor)
        {
            errors.Add($"{field}.organisationCode", Messages.Text("OrganisationMerged", organisation.Code, survivor));
            return null;
        }
        return input.Role is { } role ? new Partner(organisation.Code, role) : null;
    }

    public static ParticipantsReported? Participants(FieldErrors errors, string field, ParticipantsInput? input, Guid activityId, Correction? correction, Catalog catalog)
    {
        if (input is null)
        {
            errors.Add(field, Messages.Text("ParticipantsRequired"));
            return null;
        }
        var before = errors.Count;
        if (!(errors.LimitCount($"{field}.groups", input.Groups, GroupsMax) & errors.LimitCount($"{field}.nationalities", input.Nationalities, NationalitiesMax)
              & errors.LimitCount($"{field}.parts", input.Parts, PartsMax)))
            return null;
        if (input.Total is not { } total)
        {
            errors.Add($"{field}.total", Messages.Text("TotalRequired"));
            return null;
        }
        if (total < 0)
        {
            errors.Add($"{field}.total", Messages.Text("TotalNegative"));
            return null;
        }

        var groups = new List<ParticipantGroup>();
        for (var i = 0; i < (input.Groups?.Count ?? 0); i++)
        {
            var g = input.Groups![i];
            if (g.Count is not { } count || count < 0)
                errors.Add($"{field}.groups[{i}].count", Messages.Text("GroupCount"));
            else if (groups.Any(x => x.Sex == g.Sex && x.Age == g.Age))
                errors.Add($"{field}.groups[{i}]", Messages.Text("GroupRepeated"));
            else
                groups.Add(new ParticipantGroup(g.Sex, g.Age, count));
        }
        errors.When(groups.Sum(g => (long)g.Count) > total, $"{field}.groups",
            Messages.Text("GroupsExceedTotal", groups.Sum(g => (long)g.Count), total));

        errors.When(input.UnaccompaniedMinors is < 0, $"{field}.unaccompaniedMinors", Messages.Text("MinorsNegative"));
        errors.When(input.UnaccompaniedMinors > total, $"{field}.unaccompaniedMinors", Messages.Text("MinorsExceedTotal", total));
        var children = groups.Where(g => g.Age == AgeBand.Children).Sum(g => g.Count);
        errors.When(groups.Any(g => g.Age is not null) && input.UnaccompaniedMinors > children, $"{field}.unaccompaniedMinors",
            Messages.Text("MinorsExceedChildren", children));

        var nationalities = new List<NationalityCount>();
        for (var i = 0; i < (input.Nationalities?.Count ?? 0); i++)
        {
            var n = input.Nationalities![i];
            var country = n.CountryCode is null ? null : Country(errors, $"{field}.nationalities[{i}].countryCode", n.CountryCode, catalog);
            errors.When(n.CountryCode is null, $"{field}.nationalities[{i}].countryCode", Messages.Text("NationalityCountryRequired"));
            errors.When(n.Count is null or < 0, $"{field}.nationalities[{i}].count", Messages.Text("NationalityCount"));
            if (country is not null && nationalities.Any(x => x.CountryCode == country))
                errors.Add($"{field}.nationalities[{i}].countryCode", Messages.Text("CountryRepeated", country));
            else if (country is not null && n.Count is >= 0)
                nationalities.Add(new NationalityCount(country, n.Count.Value));
        }
        errors.When(nationalities.Sum(n => (long)n.Count) > total, $"{field}.nationalities",
            Messages.Text("NationalitiesExceedTotal", nationalities.Sum(n => (long)n.Count), total));
        var parts = Parts(errors, $"{field}.parts", input.Parts, total, d => d.Participants, Messages.Text("Whole_Participants"), wholeNumbers: true, catalog);

        return errors.Count == before
            ? new ParticipantsReported(activityId, total, input.TotalIsMinimum ?? false, groups, input.UnaccompaniedMinors, nationalities, correction, parts)
            : null;
    }

    public static OutcomeReported? Outcome(FieldErrors errors, string field, OutcomeInput? input, string kind, Guid activityId, Correction? correction, Catalog catalog)
    {
        if (input is null)
        {
            errors.Add(field, Messages.Text("OutcomeRequired"));
            return null;
        }
        var before = errors.Count;
        if (!(errors.LimitCount($"{field}.breakdown", input.Breakdown, BreakdownMax) & errors.LimitCount($"{field}.parts", input.Parts, PartsMax)))
            return null;
        IndicatorDefinition? indicator = null;
        if (string.IsNullOrWhiteSpace(input.IndicatorCode))
            errors.Add($"{field}.indicatorCode", Messages.Text("IndicatorCodeRequired"));
        else if (!catalog.Indicators.TryGetValue(input.IndicatorCode.Trim(), out indicator))
            errors.Add($"{field}.indicatorCode", Messages.Text("NotAnIndicator", input.IndicatorCode));
        else
            errors.When(indicator.Kinds.Count > 0 && !indicator.Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase), $"{field}.indicatorCode",
                Messages.Text("IndicatorNotForKind", indicator.Code, string.Join(", ", indicator.Kinds), kind));

        // A percentage may be a change ("12 % fewer than last year"); counts and averages are never below 0.
        if (input.Value is not { } value)
            errors.Add($"{field}.value", Messages.Text("ValueRequired"));
        else
            errors.When(value < 0 && indicator?.Measure != IndicatorMeasure.Percentage, $"{field}.value", Messages.Text("ValueNegative"));
        if (input.Base is { } weight && indicator is not null)
            errors.When(indicator.Measure == IndicatorMeasure.Count, $"{field}.base", Messages.Text("BaseForCount", indicator.Code))
                .When(indicator.Measure != IndicatorMeasure.Count && weight <= 0, $"{field}.base", Messages.Text("BaseNotPositive", indicator.Per));

        var splits = new List<OutcomeSplit>();
        for (var i = 0; i < (input.Breakdown?.Count ?? 0); i++)
        {
            var s = input.Breakdown![i];
            var at = $"{field}.breakdown[{i}]";
            if (s.Dimension is not { } dimension)
            {
                errors.Add($"{at}.dimension", Messages.Text("DimensionRequired"));
                continue;
            }
            errors.When(indicator is not null && !indicator.Breakdowns.Contains(dimension), $"{at}.dimension",
                Messages.Text("NotBrokenDownBy", indicator?.Code, dimension, string.Join(", ", indicator?.Breakdowns ?? [])));
            var category = Category(errors, $"{at}.category", dimension, s.Category, catalog);
            errors.When(s.Value is null or < 0, $"{at}.value", Messages.Text("PartValue"));
            if (category is not null && splits.Any(x => x.Dimension == dimension && x.Category == category))
                errors.Add($"{at}.category", Messages.Text("PartRepeated", dimension, category));
            else if (category is not null && s.Value is >= 0)
                splits.Add(new OutcomeSplit(dimension, category, s.Value.Value));
        }
        foreach (var dimension in splits.GroupBy(s => s.Dimension))
            errors.When(dimension.Sum(s => s.Value) > input.Value, $"{field}.breakdown",
                Messages.Text("PartsExceedValue", dimension.Key, dimension.Sum(s => s.Value), input.Value));
        // A percentage or an average is not broken down (each part would need its own base), so no dimension applies to one.
        var parts = Parts(errors, $"{field}.parts", input.Parts, input.Value,
            d => indicator is { Measure: IndicatorMeasure.Count } && d.Breaks(indicator.Code), indicator?.Code ?? input.IndicatorCode ?? "", wholeNumbers: false, catalog);

        return errors.Count == before
            ? new OutcomeReported(activityId, indicator!.Code, input.Value!.Value, splits, correction, input.ValueIsMinimum ?? false, input.Base, parts)
            : null;
    }

    /// <summary>
    /// Parts of a whole along defined dimensions: each of a dimension that <paramref name="applies"/> to this whole, a
    /// category of it (an organisation's code, canonical and not merged, or a code of the dimension's list), a value of zero
    /// or more (whole for people), each category once, and the parts of one dimension at most the whole: what they leave
    /// is "not stated".
    /// </summary>
    /// <param name="whole">What the parts are of; null when it is missing (reported on its own field).</param>
    /// <param name="what">The whole in words, for the message of a dimension that does not apply to it.</param>
    static IReadOnlyList<Part> Parts(FieldErrors errors, string field, IReadOnlyList<PartInput>? input, decimal? whole,
        Func<BreakdownDimension, bool> applies, string what, bool wholeNumbers, Catalog catalog)
    {
        var parts = new List<Part>();
        for (var i = 0; i < (input?.Count ?? 0); i++)
        {
            var p = input![i];
            var at = $"{field}[{i}]";
            if (p is null)
            {
                errors.Add(at, Messages.Text("PartRequired"));
                continue;
            }
            var dimension = Dimension(errors, $"{at}.dimension", p.Dimension, applies, what, catalog);
            var category = dimension is null ? null : PartCategory(errors, $"{at}.category", dimension, p.Category, catalog);
            if (p.Value is not { } value || value < 0)
                errors.Add($"{at}.value", Messages.Text("PartValue"));
            else
                errors.When(wholeNumbers && value != decimal.Truncate(value), $"{at}.value", Messages.Text("PartWhole", value));
            if (dimension is null || category is null || p.Value is not >= 0)
                continue;
            if (parts.Any(x => x.Dimension == dimension.Code && x.Category == category))
                errors.Add($"{at}.category", Messages.Text("PartRepeated", dimension.Code, category));
            else
                parts.Add(new Part(dimension.Code, category, p.Value.Value));
        }
        foreach (var dimension in parts.GroupBy(p => p.Dimension))
            errors.When(dimension.Sum(p => p.Value) > whole, field, Messages.Text("PartsExceedValue", dimension.Key, dimension.Sum(p => p.Value), whole));
        return parts;
    }

    static BreakdownDimension? Dimension(FieldErrors errors, string field, string? code, Func<BreakdownDimension, bool> applies, string what, Catalog catalog)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            errors.Add(field, Messages.Text("PartDimensionRequired"));
            return null;
        }
        if (!catalog.Dimensions.TryGetValue(code.Trim(), out var dimension))
        {
            errors.Add(field, Messages.Text("NotADimension", code));
            return null;
        }
        if (applies(dimension))
            return dimension;
        errors.Add(field, Messages.Text("DimensionNotFor", dimension.Code, what));
        return null;
    }

    static string? PartCategory(FieldErrors errors, string field, BreakdownDimension dimension, string? category, Catalog catalog)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            errors.Add(field, Messages.Text("CategoryRequired"));
            return null;
        }
        if (dimension.Values == DimensionValues.List)
        {
            if (dimension.Categories.FirstOrDefault(c => string.Equals(c.Code, category.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known)
                return known.Code;
            errors.Add(field, Messages.Text("NotADimensionCategory", category, dimension.Code, string.Join(", ", dimension.Categories.Select(c => c.Code))));
            return null;
        }
        if (!catalog.Organisations.TryGetValue(category.Trim(), out var organisation))
        {
            errors.Add(field, Messages.Text("NotAnOrganisation", category));
            return null;
        }
        if (organisation.MergedIntoCode is { } survivor)
        {
            errors.Add(field, Messages.Text("OrganisationMerged", organisation.Code, survivor));
            return null;
        }
        return organisation.Code;
    }

    static string? Category(FieldErrors errors, string field, Breakdown dimension, string? category, Catalog catalog)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            errors.Add(field, Messages.Text("CategoryRequired"));
            return null;
        }
        switch (dimension)
        {
            case Breakdown.Country:
                return Country(errors, field, category, catalog);
            case Breakdown.Sex when Enum.TryParse<Sex>(category, true, out var sex):
                return sex.ToString();
            case Breakdown.Age when Enum.TryParse<AgeBand>(category, true, out var age):
                return age.ToString();
            default:
                errors.Add(field, dimension == Breakdown.Sex
                    ? Messages.Text("NotASex", category)
                    : Messages.Text("NotAnAgeBand", category));
                return null;
        }
    }

    public static SourceLinked? Source(FieldErrors errors, string field, SourceInput? input, Guid activityId)
    {
        if (input is null)
        {
            errors.Add(field, Messages.Text("SourceRequired"));
            return null;
        }
        var url = errors.Text($"{field}.url", input.Url, UrlMaxLength, true, Messages.Text("What_Address"));
        var title = errors.Text($"{field}.title", input.Title, TitleMaxLength, false, Messages.Text("What_Title"));
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add($"{field}.url", Messages.Text("NotHttp", url));
            return null;
        }
        return url is null ? null : new SourceLinked(activityId, url, title);
    }
}
