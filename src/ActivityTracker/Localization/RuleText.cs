namespace ActivityTracker.Localization;

/// <summary>Marker for the rules' messages: <c>RuleText.resx</c> (English) and <c>RuleText.es.resx</c> (Spanish).</summary>
public sealed class RuleText;
