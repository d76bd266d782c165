namespace ActivityTracker.Localization;

/// <summary>Marker for the map's and the country and programme dashboards' texts: <c>MapText.resx</c> (English) and <c>MapText.es.resx</c> (Spanish).</summary>
public sealed class MapText;
