namespace ActivityTracker.Localization;

/// <summary>Marker for the texts of exports and imports: <c>ExchangeText.resx</c> (English) and <c>ExchangeText.es.resx</c> (Spanish).</summary>
public sealed class ExchangeText;
