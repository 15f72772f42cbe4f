using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Linq.Spark.Planning.Serialization;

/// <summary>
/// Reads what <see cref="PlanWriter"/> wrote. Types resolve only through the allow-list: an assembly is looked for
/// among the allowed ones by name, and a type found there is checked again before anything uses it; members are found
/// on allowed types by name and signature. Nothing is loaded or instantiated that the payload names otherwise.
/// </summary>
internal sealed partial class PlanReader
{
    private readonly BinaryReader _in;
    private readonly TypeAllowList _allow;
    private readonly List<Type> _types = [];
    private readonly List<ParameterExpression> _parameters = [];

    public PlanReader(Stream stream, TypeAllowList allow)
    {
        _in = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        _allow = allow;
    }

    public int Int() => _in.Read7BitEncodedInt();

    public long Long() => _in.Read7BitEncodedInt64();

    public bool Bool() => _in.ReadBoolean();

    public string String() => _in.ReadString();

    public string? NullableString() => Bool() ? String() : null;

    public byte[] Bytes() => _in.ReadBytes(Int());

    public Type Type()
    {
        var number = Int();
        if (number < _types.Count)
        {
            return _types[number];
        }

        if (number != _types.Count)
        {
            throw Malformed($"type number {number} where {_types.Count} was next");
        }

        _types.Add(typeof(void));
        var type = Int() switch
        {
            0 => Named(String(), String()),
            1 => Type().MakeArrayType(),
            2 => Type().MakeArrayType(Int()),
            3 => Type() is { IsGenericTypeDefinition: true } definition
                ? definition.MakeGenericType([.. Enumerable.Range(0, Int()).Select(_ => Type())])
                : throw Malformed("generic arguments for a type that takes none"),
            var kind => throw Malformed($"type kind {kind}"),
        };
        _types[number] = _allow.Check(type, "named by the plan");
        return type;
    }

    public Type? NullableType() => Bool() ? Type() : null;

    public MethodBase Method()
    {
        var declaring = Type();
        var name = String();
        var generic = Enumerable.Range(0, Int()).Select(_ => Type()).ToArray();
        var signature = Enumerable.Range(0, Int()).Select(_ => String()).ToArray();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        MethodBase[] candidates = name is ".ctor" or ".cctor" ? declaring.GetConstructors(all) : declaring.GetMethods(all);
        foreach (var candidate in candidates)
        {
            if (candidate.Name != name || (candidate.IsGenericMethodDefinition ? candidate.GetGenericArguments().Length : 0) != generic.Length)
            {
                continue;
            }

            var parameters = candidate.GetParameters();
            if (parameters.Length == signature.Length && parameters.Select(p => PlanWriter.SignatureText(p.ParameterType)).SequenceEqual(signature))
            {
                return generic.Length == 0 ? candidate : ((MethodInfo)candidate).MakeGenericMethod(generic);
            }
        }

        throw new NotSupportedException($"The plan calls {declaring.FullName}.{name}({string.Join(", ", signature)}), which this process does not have.");
    }

    public MethodBase? NullableMethod() => Bool() ? Method() : null;

    public MemberInfo Member()
    {
        var kind = Int();
        if (kind == 2)
        {
            return Method();
        }

        var declaring = Type();
        var name = String();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        MemberInfo? member = kind == 0 ? declaring.GetField(name, all) : declaring.GetProperty(name, all);
        return member ?? throw new NotSupportedException($"The plan reads {declaring.FullName}.{name}, which this process does not have.");
    }

    public ParameterExpression Declare()
    {
        var name = NullableString();
        var type = Type();
        var parameter = Bool() ? System.Linq.Expressions.Expression.Parameter(type.MakeByRefType(), name) : System.Linq.Expressions.Expression.Parameter(type, name);
        _parameters.Add(parameter);
        return parameter;
    }

    /// <summary>An error for a payload that does not follow the format.</summary>
    public static InvalidDataException Malformed(string what) => new($"The plan's payload is malformed: {what}.");

    private Type Named(string assemblyName, string fullName)
    {
        if (_allow.LoadedAssemblies(assemblyName) is not { } assemblies)
        {
            throw new NotSupportedException(
                $"The type {fullName} of assembly {assemblyName} is not allowed in a plan read by this process: the assembly is not registered (SparkSession.RegisterAssembly).");
        }

        foreach (var assembly in assemblies)
        {
            if (assembly.GetType(fullName, throwOnError: false) is { } type)
            {
                return type;
            }
        }

        throw new NotSupportedException($"The type {fullName} is not in assembly {assemblyName} as this process has it.");
    }
}
