namespace ActivityTracker;

/// <summary>Marker for the map's and the country and programme dashboards' texts: <c>Resources/MapText.resx</c> (English) and <c>MapText.es.resx</c> (Spanish).</summary>
public sealed class MapText;
