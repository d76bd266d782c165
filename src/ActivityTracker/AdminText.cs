namespace ActivityTracker;

/// <summary>Marker for the administrators' pages' texts: <c>Resources/AdminText.resx</c> (English) and <c>AdminText.es.resx</c> (Spanish).</summary>
public sealed class AdminText;
