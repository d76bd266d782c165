namespace ActivityTracker;

/// <summary>Marker for the rules' messages: <c>Resources/RuleText.resx</c> (English) and <c>RuleText.es.resx</c> (Spanish).</summary>
public sealed class RuleText;
