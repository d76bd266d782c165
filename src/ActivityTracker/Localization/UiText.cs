namespace ActivityTracker.Localization;

/// <summary>Marker for the UI's texts: <c>UiText.resx</c> (English) and <c>UiText.es.resx</c> (Spanish).</summary>
public sealed class UiText;
