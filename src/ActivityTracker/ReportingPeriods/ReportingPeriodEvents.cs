namespace ActivityTracker.ReportingPeriods;

// Events of a reporting period's stream (id DeterministicId.For("period", period)): business
// facts only; who closed or reopened it and when come from Marten's metadata.

/// <summary>A manager closed the period: its figures as they stood at this event are the ones reported.</summary>
/// <param name="Period">A year (<c>2019</c>) or a quarter (<c>2019-Q1</c>).</param>
/// <param name="Note">What the close is for, when given (e.g. the donor report it went into).</param>
public sealed record ReportingPeriodClosed(string Period, string? Note);

/// <summary>A closed period was opened again, for the reason given; closing it again takes a new snapshot.</summary>
public sealed record ReportingPeriodReopened(string Period, string Reason);
