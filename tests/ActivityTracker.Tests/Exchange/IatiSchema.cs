using System.Xml;
using System.Xml.Schema;

namespace ActivityTracker.Tests.Exchange;

/// <summary>The IATI 2.03 activity schema (TestData/iati), as the standard publishes it.</summary>
public static class IatiSchema
{
    /// <summary>Every error and warning of validating <paramref name="document"/> against the IATI 2.03 activity schema (TestData/iati).</summary>
    public static List<string> Problems(string document)
    {
        var problems = new List<string>();
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.ValidationEventHandler += (_, e) => problems.Add($"schema {e.Severity}: {e.Message}");
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "TestData", "iati", "iati-activities-schema.xsd"));
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(document), settings);
        while (reader.Read())
        {
        }
        return problems;
    }
}
