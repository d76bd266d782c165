using Marten.Schema;

namespace ActivityTracker.Dashboards;

/// <summary>
/// Duplicates a cell's coordinates as columns (a read selects cells by them, reading no other document) under one index over them
/// in the order given, the order reads narrow by. Marten's <c>Duplicate</c> indexes each column on its own: a write of a cell then
/// updated an index per coordinate, and a read combined several of them. Not inherited: a subclass stored apart (<see cref="PastCubeCell"/>) says its own.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CellColumnsAttribute(params string[] members) : MartenAttribute
{
    public override void Modify(DocumentMapping mapping) =>
        mapping.AddIndex([.. members.Select(member => mapping.DuplicateField(member).ColumnName)]);
}
