namespace ActivityTracker;

/// <summary>Marker for the UI's texts: <c>Resources/UiText.resx</c> (English) and <c>UiText.es.resx</c> (Spanish).</summary>
public sealed class UiText;
