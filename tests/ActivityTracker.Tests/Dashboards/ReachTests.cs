using ActivityTracker.Activities;
using ActivityTracker.Dashboards;

namespace ActivityTracker.Tests.Dashboards;

public class ReachTests(AppFixture app) : DashboardTest(app)
{
    static ParticipantGroupInput Group(Sex? sex, AgeBand? age, int count) => new(sex, age, count);

    [Fact]
    public async Task reach_adds_the_latest_participant_report_of_each_activity_by_sex_and_age_band()
    {
        await Host.RecordAsync(Held("meeting", "MX", Day(2019, 2, 1)) with
        {
            Participants = new ParticipantsInput(100, Groups: [Group(Sex.Female, AgeBand.Adults, 40), Group(Sex.Male, AgeBand.Adults, 30),
                Group(Sex.Female, AgeBand.Children, 10), Group(null, AgeBand.Elderly, 5)], UnaccompaniedMinors: 4),
        });
        var (corrected, v) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 2, 2)) with
        {
            Participants = new ParticipantsInput(50, Groups: [Group(Sex.Female, AgeBand.Adults, 20), Group(Sex.Male, AgeBand.Children, 15)]),
        });
        var (cancelled, cv) = await Host.RecordAsync(Held("meeting", "MX", Day(2019, 2, 3)) with
        {
            Participants = new ParticipantsInput(1000, Groups: [Group(Sex.Female, AgeBand.Adults, 1000)]),
        });
        await Send(corrected, "participants", new
        {
            version = v, correction = new { reason = "DoubleCount" },
            participants = new { total = 30, groups = new object[] { new { sex = "Female", age = "Adults", count = 25 }, new { sex = "Male", age = "Children", count = 5 } }, unaccompaniedMinors = 2 },
        });
        await Send(cancelled, "cancel", new { version = cv, reason = "Recorded twice" });
        await App.WaitForProjectionsAsync();

        var mexico = await Dashboard("countries/MX");

        Assert.Equal(
        [
            new ReachCell(null, AgeBand.Elderly, 5),
            new ReachCell(Sex.Female, AgeBand.Children, 10),
            new ReachCell(Sex.Female, AgeBand.Adults, 65),
            new ReachCell(Sex.Male, AgeBand.Children, 5),
            new ReachCell(Sex.Male, AgeBand.Adults, 30),
        ], mexico.AllReported.Reach);
        Assert.Equal((130L, 6L), (mexico.AllReported.Participants, mexico.AllReported.UnaccompaniedMinors));
        Assert.Empty(mexico.Approved.Reach);
        Assert.Equal(mexico.AllReported.Reach, (await Dashboard("months/2019-02")).AllReported.Reach);
    }
}
