namespace ActivityTracker.Localization;

/// <summary>Marker for the administrators' pages' texts: <c>AdminText.resx</c> (English) and <c>AdminText.es.resx</c> (Spanish).</summary>
public sealed class AdminText;
