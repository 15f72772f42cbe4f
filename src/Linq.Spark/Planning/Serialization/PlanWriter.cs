using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Linq.Spark.Planning.Serialization;

/// <summary>
/// Writes a plan's parts in the project's own compact binary form: counts and ids as 7-bit varints, types by assembly
/// and full name (generic arguments and element types recursively), members by declaring type, name and signature.
/// Every type written is checked against the allow-list first, so a plan that would be refused where it is read is
/// refused where it is written, with the type named.
/// </summary>
internal sealed partial class PlanWriter
{
    private readonly BinaryWriter _out;
    private readonly TypeAllowList _allow;
    private readonly Dictionary<Type, int> _types = [];
    private (Type? Type, int Number) _lastType;
    private readonly Dictionary<ParameterExpression, int> _parameters = new(ReferenceEqualityComparer.Instance);
    private readonly Action<ParameterExpression>? _declared;
    private int _nextParameter;

    /// <param name="stream">Where the bytes go.</param>
    /// <param name="allow">The types the plan may name.</param>
    /// <param name="declared">Told of every parameter the plan declares (to find what a plan's lambdas use).</param>
    public PlanWriter(Stream stream, TypeAllowList allow, Action<ParameterExpression>? declared = null)
    {
        _out = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        _allow = allow;
        _declared = declared;
    }

    public void Int(int value) => _out.Write7BitEncodedInt(value);

    public void Long(long value) => _out.Write7BitEncodedInt64(value);

    public void Bool(bool value) => _out.Write(value);

    public void String(string value) => _out.Write(value);

    public void NullableString(string? value)
    {
        Bool(value is not null);
        if (value is not null)
        {
            String(value);
        }
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        Int(bytes.Length);
        _out.Write(bytes);
    }

    public void Flush() => _out.Flush();

    /// <summary>A type: written once in full, then by its number.</summary>
    public void Type(Type type)
    {
        // Objects written field by field name the same type again and again: the last one is checked first.
        if (ReferenceEquals(type, _lastType.Type))
        {
            Int(_lastType.Number);
            return;
        }

        if (_types.TryGetValue(type, out var known))
        {
            _lastType = (type, known);
            Int(known);
            return;
        }

        _allow.Check(type, "named by the plan");
        Int(_types.Count);
        _types[type] = _types.Count;
        if (type.IsArray)
        {
            Int(type.IsSZArray ? 1 : 2);
            Type(type.GetElementType()!);
            if (!type.IsSZArray)
            {
                Int(type.GetArrayRank());
            }

            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            Int(3);
            Type(type.GetGenericTypeDefinition());
            var arguments = type.GetGenericArguments();
            Int(arguments.Length);
            foreach (var argument in arguments)
            {
                Type(argument);
            }

            return;
        }

        Int(0);
        String(type.Assembly.GetName().Name!);
        String(type.FullName ?? throw new NotSupportedException($"The type {type} has no name a plan can carry."));
    }

    public void NullableType(Type? type)
    {
        Bool(type is not null);
        if (type is not null)
        {
            Type(type);
        }
    }

    /// <summary>A method or constructor: declaring type, name, generic arguments and parameter types.</summary>
    public void Method(MethodBase method)
    {
        Type(method.DeclaringType!);
        String(method.Name);
        var generic = method is MethodInfo { IsGenericMethod: true } info ? info.GetGenericArguments() : [];
        Int(generic.Length);
        foreach (var argument in generic)
        {
            Type(argument);
        }

        // The parameters of the generic definition identify the overload (Select(f) vs Select((x, i) => …)).
        var definition = method is MethodInfo { IsGenericMethod: true } m ? m.GetGenericMethodDefinition() : method;
        var parameters = definition.GetParameters();
        Int(parameters.Length);
        foreach (var parameter in parameters)
        {
            String(SignatureText(parameter.ParameterType));
        }
    }

    public void NullableMethod(MethodBase? method)
    {
        Bool(method is not null);
        if (method is not null)
        {
            Method(method);
        }
    }

    /// <summary>A field or property: declaring type and name.</summary>
    public void Member(MemberInfo member)
    {
        if (member is MethodBase method)
        {
            Int(2);
            Method(method);
            return;
        }

        Int(member is FieldInfo ? 0 : 1);
        Type(member.DeclaringType!);
        String(member.Name);
    }

    /// <summary>A parameter slot or a lambda parameter declared here: it gets the next number.</summary>
    public void Declare(ParameterExpression parameter)
    {
        _parameters[parameter] = _nextParameter++;
        _declared?.Invoke(parameter);
        NullableString(parameter.Name);
        Type(parameter.Type);
        Bool(parameter.IsByRef);
    }

    /// <summary>The text that identifies a parameter type in an overload's signature, generic parameters by position.</summary>
    internal static string SignatureText(Type type) =>
        type.IsGenericParameter ? (type.DeclaringMethod is null ? "!" : "!!") + type.GenericParameterPosition
        : type.IsArray ? SignatureText(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]"
        : type.IsByRef ? SignatureText(type.GetElementType()!) + "&"
        : type.IsGenericType ? (type.GetGenericTypeDefinition().FullName ?? type.Name) + "<" + string.Join(",", type.GetGenericArguments().Select(SignatureText)) + ">"
        : type.FullName ?? type.Name;
}
