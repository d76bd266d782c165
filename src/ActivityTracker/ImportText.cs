namespace ActivityTracker;

/// <summary>Marker for the bulk import's texts (the page, the template's guide): <c>Resources/ImportText.resx</c> (English) and <c>ImportText.es.resx</c> (Spanish).</summary>
public sealed class ImportText;
