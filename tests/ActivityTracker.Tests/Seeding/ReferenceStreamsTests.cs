using ActivityTracker.Breakdowns;
using ActivityTracker.Indicators;
using ActivityTracker.Organisations;
using ActivityTracker.Programmes;
using ActivityTracker.Reference;
using ActivityTracker.Seeding;
using Marten;

namespace ActivityTracker.Tests.Seeding;

public class ReferenceStreamsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task the_reference_streams_start_once_however_often_the_import_runs()
    {
        var started = await ReferenceStreams.ImportAsync(App.Store, SeedFile.DefaultDirectory);
        Assert.Equal(0, await ReferenceStreams.ImportAsync(App.Store, SeedFile.DefaultDirectory));

        await using var session = App.Store.QuerySession();
        var programmes = await session.Query<ProgrammeDetails>().ToListAsync();
        var organisations = await session.Query<OrganisationDetails>().ToListAsync();
        var indicators = await session.Query<IndicatorDefinition>().ToListAsync();
        var kinds = await session.Query<ActivityKindDetails>().ToListAsync();
        var dimensions = await session.Query<BreakdownDimension>().ToListAsync();
        Assert.Equal((2, 9, 12, 11, 1), (programmes.Count, organisations.Count, indicators.Count, kinds.Count, dimensions.Count));
        Assert.Equal(started, programmes.Count + organisations.Count + indicators.Count + kinds.Count + dimensions.Count);
        // Every shipped kind has its stream, with the seed file's names, listed in the file's order.
        Assert.Equal(CodeLists.Shipped.SeededKinds.Values, (await KindList.LoadAsync(session, CodeLists.Shipped, default)).Values);
        Assert.Equal(CodeLists.Shipped.SeededKinds.Keys, kinds.OrderBy(k => k.Position).Select(k => k.Code));
        var events = await session.Events.QueryAllRawEvents().ToListAsync();
        Assert.Equal(started, events.Count);
        Assert.All(events, e => Assert.Equal(DemoActivities.SeedUser, e.UserName));

        var iom = (await session.LoadAsync<OrganisationDetails>(OrganisationDetails.IdFor("iom")))!;
        Assert.Equal(("XM-DAC-47066", OrganisationType.Multilateral, "IOM"), (iom.IatiIdentifier, iom.Type, iom.Acronym));
        Assert.Contains("OIM", iom.Aliases);
        Assert.All(organisations.Where(o => o.Code != "iom"), o => Assert.Null(o.IatiIdentifier));
        Assert.Contains("UPM", (await session.LoadAsync<OrganisationDetails>(OrganisationDetails.IdFor("segob-mx")))!.Aliases);

        var mesoCarib = (await session.LoadAsync<ProgrammeDetails>(ProgrammeDetails.IdFor("MESO-CARIB")))!;
        Assert.Equal(22, mesoCarib.Countries.Count);
        Assert.All(programmes, p => Assert.Empty(p.Targets));

        var countries = (await session.LoadAsync<IndicatorDefinition>(IndicatorDefinition.IdFor("countries-represented")))!;
        Assert.Equal((AggregationRule.MaximumPerLocation, 0), (countries.Aggregation, countries.Kinds.Count));
        var minors = (await session.LoadAsync<IndicatorDefinition>(IndicatorDefinition.IdFor("unaccompanied-minors-returned")))!;
        Assert.Equal([Breakdown.Sex, Breakdown.Country], minors.Breakdowns);
        Assert.Equal(["assisted-voluntary-return"], minors.Kinds);

        var institution = Assert.Single(dimensions);
        Assert.Equal(("institution", DimensionValues.Organisations, true), (institution.Code, institution.Values, institution.Participants));
        Assert.Equal(["people-trained"], institution.Indicators);
    }

    [Fact]
    public async Task streams_already_there_are_kept_as_they_are_and_only_the_missing_ones_start()
    {
        await Host.CreateAsync("/api/organisations", ReferenceScenarios.Iom() with { Name = "IOM, as registered by hand" });

        var started = await ReferenceStreams.ImportAsync(App.Store, SeedFile.DefaultDirectory);

        Assert.Equal(34, started);
        Assert.Equal("IOM, as registered by hand", (await App.LoadAsync<OrganisationDetails>(OrganisationDetails.IdFor("iom")))!.Name);
    }

    [Fact]
    public async Task a_seed_file_that_breaks_the_rules_is_refused_whole_naming_entry_and_field()
    {
        var seeds = Directory.CreateTempSubdirectory("reference-seeds-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(seeds.FullName, "reference")).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(SeedFile.DefaultDirectory, "reference")))
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            File.WriteAllText(Path.Combine(folder, "organisations.json"), """
                // a comment is fine; a missing type and a code used twice are not
                [
                  { "code": "iom", "name": "International Organization for Migration", "type": "Multilateral" },
                  { "code": "eu", "name": "European Union" },
                  { "code": "IOM", "name": "IOM again", "type": "Multilateral" }
                ]
                """);

            var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReferenceStreams.ImportAsync(App.Store, seeds.FullName));

            Assert.Contains("organisations.json entry 2 ('eu'): type:", error.Message);
            Assert.Contains("organisations.json entry 3 ('IOM'): code:", error.Message);
            Assert.Equal(0, await App.CountEventsAsync());
        }
        finally
        {
            seeds.Delete(recursive: true);
        }
    }
}
