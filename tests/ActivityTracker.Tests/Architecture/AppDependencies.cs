using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ActivityTracker.Tests.Architecture;

/// <summary>
/// What the app's compiled code uses, read from its IL with Mono.Cecil: signatures, attributes and method bodies, so a
/// dependency hidden in a lambda, an async method or a Razor page counts as its declaring type's.
/// </summary>
public sealed class AppDependencies
{
    public const string Root = "ActivityTracker";

    readonly ModuleDefinition _module = ModuleDefinition.ReadModule(typeof(Program).Assembly.Location);

    /// <summary>The app's own types, nested ones (lambdas, state machines) under their outermost declaring type.</summary>
    public IEnumerable<(TypeDefinition Owner, TypeDefinition Type)> Types() =>
        _module.Types.SelectMany(t => Nested(t).Select(n => (t, n)));

    static IEnumerable<TypeDefinition> Nested(TypeDefinition type) => [type, .. type.NestedTypes.SelectMany(Nested)];

    /// <summary>The top-level folder a type lives in: <c>ActivityTracker.Dashboards.Reads</c> is <c>Dashboards</c>.</summary>
    public static string? FolderOf(TypeReference type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        var parts = type.Namespace.Split('.');
        return parts[0] == Root && parts.Length > 1 ? parts[1] : null;
    }

    /// <summary>Every type <paramref name="type"/> refers to.</summary>
    public static IEnumerable<TypeReference> TypesUsedBy(TypeDefinition type)
    {
        var used = new List<TypeReference?> { type.BaseType };
        used.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        used.AddRange(type.CustomAttributes.Select(a => a.AttributeType));
        used.AddRange(type.Fields.Select(f => f.FieldType));
        used.AddRange(type.Properties.Select(p => p.PropertyType));
        foreach (var method in type.Methods)
        {
            used.Add(method.ReturnType);
            used.AddRange(method.Parameters.Select(p => p.ParameterType));
            used.AddRange(method.CustomAttributes.Select(a => a.AttributeType));
            if (!method.HasBody)
                continue;
            used.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions)
                used.AddRange(Operand(instruction));
        }
        return used.OfType<TypeReference>().SelectMany(Unwrap);
    }

    /// <summary>The members <paramref name="type"/>'s method bodies call or read.</summary>
    public static IEnumerable<MemberReference> MembersUsedBy(TypeDefinition type) =>
        type.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions).Select(i => i.Operand).OfType<MemberReference>()
            .Where(m => m is MethodReference or FieldReference);

    static IEnumerable<TypeReference?> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference type => [type],
        MethodReference method => [method.DeclaringType, method.ReturnType, .. method.Parameters.Select(p => p.ParameterType),
            .. method is GenericInstanceMethod generic ? generic.GenericArguments : []],
        FieldReference field => [field.DeclaringType, field.FieldType],
        _ => [],
    };

    // Arrays, by-refs and generic instances name the types inside them.
    static IEnumerable<TypeReference> Unwrap(TypeReference type) => type switch
    {
        GenericInstanceType generic => [.. Unwrap(generic.ElementType), .. generic.GenericArguments.SelectMany(Unwrap)],
        TypeSpecification specification => Unwrap(specification.ElementType),
        GenericParameter => [],
        _ => [type],
    };
}
