using System.Linq.Expressions;
using System.Runtime.Intrinsics;
using Linq.Spark.Columnar;

namespace Linq.Spark.Compilation.Vectorization;

/// <summary>
/// Rewrites scalar expressions over a virtual row (members, constants, captured values, arithmetic, comparisons,
/// &amp;&amp; || !, conditionals, numeric casts, Math.Abs/Min/Max, DateOnly comparisons) into eight-lane vector
/// expressions. Predicates become lane bits (a uint). The first construct it cannot rewrite is kept as the reason.
/// </summary>
/// <remarks>
/// Vector code evaluates both sides of &amp;&amp; and || and both branches of ?: in every lane. Where the scalar
/// operation would throw (Math.Abs of int.MinValue), the lanes LINQ evaluates are tracked as a guard, and a lane that
/// would throw there sets <see cref="Trap"/>: the kernel then runs that step's rows as row code, which throws
/// exactly the exception LINQ throws, at the row where LINQ throws it.
/// </remarks>
internal sealed class VectorExpressionCompiler(
    ParameterExpression row,
    IEncoder encoder,
    ColumnLocals columns,
    ParameterExpression index,
    IReadOnlyList<ParameterExpression> slots)
{
    private readonly Dictionary<int, ParameterExpression> _loads = [];
    private readonly Dictionary<ParameterExpression, ParameterExpression> _views = [];
    private readonly Dictionary<(object?, Type), ParameterExpression> _constants = [];
    private Expression? _guard;

    /// <summary>Lane bits of the current step whose row code would throw; null while no operation can.</summary>
    public ParameterExpression? Trap { get; private set; }

    /// <summary>Why vectorization failed: the first construct that has no vector form.</summary>
    public string? Failure { get; private set; }

    /// <summary>Variables the vector code uses (column views, per-iteration loads, broadcast constants).</summary>
    public List<ParameterExpression> Variables { get; } = [];

    /// <summary>Statements run once per batch before the loop (column views, broadcasts).</summary>
    public List<Expression> Setup { get; } = [];

    /// <summary>Statements run at the top of each eight-row step (column loads).</summary>
    public List<Expression> StepLoads { get; } = [];

    /// <summary>The vector form of a numeric expression evaluated in the lanes of <paramref name="guard"/> (null: all), or null (see <see cref="Failure"/>).</summary>
    public VectorValue? Numeric(Expression scalar, Expression? guard = null)
    {
        _guard = guard;
        var result = Visit(scalar);
        if (result is VectorValue value)
        {
            return value;
        }

        Fail(result is null ? null : $"a {scalar.Type.Name} value used as a number: {scalar}");
        return null;
    }

    /// <summary>The lane bits of a predicate evaluated in the lanes of <paramref name="guard"/> (null: all), or null (see <see cref="Failure"/>).</summary>
    public Expression? Bits(Expression predicate, Expression? guard = null)
    {
        _guard = guard;
        var result = Visit(predicate);
        if (result is Expression bits)
        {
            return bits;
        }

        Fail(result is null ? null : $"a non-boolean predicate: {predicate}");
        return null;
    }

    /// <summary>
    /// The lanes of int codes of a dictionary-encoded string member of the row (-1 for null), and the dictionary they
    /// index; null when the expression is not such a member.
    /// </summary>
    public (VectorValue Codes, ParameterExpression Dictionary)? DictionaryCodes(Expression scalar)
    {
        if (scalar is not MemberExpression member || member.Expression != row || encoder.ColumnOf(member.Member) is not (>= 0 and var column)
            || columns.Dictionaries[column] is not { } dictionary)
        {
            return null;
        }

        return (LoadLanes(column, typeof(int), Lanes.LoadFor(typeof(int))!), dictionary);
    }

    private object? Visit(Expression node)
    {
        if (Failure is not null)
        {
            return null;
        }

        switch (node)
        {
            case MemberExpression member when member.Expression == row:
                return Load(member);
            case ParameterExpression parameter when parameter == row && encoder.IsWholeRow:
                return LoadColumn(0, node.ToString());
            case ConstantExpression constant:
                return Constant(constant.Value, constant.Type, node);
            case ParameterExpression slot when slots.Contains(slot):
                return Broadcast(slot, slot.Type, node);
            case UnaryExpression { NodeType: ExpressionType.Convert } convert:
                return Convert(convert);
            case UnaryExpression { NodeType: ExpressionType.Not } not when not.Type == typeof(bool):
                return Visit(not.Operand) is Expression bits
                    ? Expression.And(Expression.Not(bits), Expression.Constant(0xFFu))
                    : Fail(node);
            case UnaryExpression { NodeType: ExpressionType.Negate } negate:
                return Visit(negate.Operand) is VectorValue v ? new VectorValue(Expression.Negate(v.Vector), v.ScalarType) : Fail(node);
            case BinaryExpression binary:
                return Binary(binary);
            case ConditionalExpression conditional:
                return Conditional(conditional);
            case MethodCallExpression call when call.Method.DeclaringType == typeof(Math) && call.Arguments.All(a => Lanes.IsLaneType(a.Type)):
                return MathCall(call);
            default:
                return Fail(node);
        }
    }

    private object? Load(MemberExpression member)
    {
        var column = encoder.ColumnOf(member.Member);
        return column < 0 ? Fail(member) : LoadColumn(column, member.ToString());
    }

    private object? LoadColumn(int column, string text)
    {
        var spec = encoder.Columns[column];
        var load = spec.IsNullable || columns.Dictionaries[column] is not null ? null : Lanes.LoadFor(spec.StorageType);
        if (load is null)
        {
            return Fail($"column {text} of type {spec.MemberType.Name}");
        }

        return LoadLanes(column, spec.StorageType, load);
    }

    /// <summary>The column's lanes at the current step, loaded once per step however often they are used.</summary>
    private VectorValue LoadLanes(int column, Type storage, System.Reflection.MethodInfo load)
    {
        var spec = encoder.Columns[column];
        if (!_loads.TryGetValue(column, out var loaded))
        {
            var values = columns.Values[column];
            if (!_views.TryGetValue(values, out var view))
            {
                var viewExpression = Lanes.View(values, storage);
                view = Expression.Variable(viewExpression.Type, "view_" + spec.Name);
                Variables.Add(view);
                Setup.Add(Expression.Assign(view, viewExpression));
                _views[values] = view;
            }

            loaded = Expression.Variable(load.ReturnType, "lanes_" + spec.Name);
            Variables.Add(loaded);
            StepLoads.Add(Expression.Assign(loaded, Expression.Call(load, view, index)));
            _loads[column] = loaded;
        }

        return new VectorValue(loaded, loaded.Type.GetGenericArguments()[0]);
    }

    private object? Constant(object? value, Type type, Expression node)
    {
        if (type == typeof(bool))
        {
            return Expression.Constant((bool)value! ? 0xFFu : 0u);
        }

        return Broadcast(Expression.Constant(value, type), type, node);
    }

    /// <summary>A scalar (literal or captured value) repeated in all lanes, computed once per batch.</summary>
    private object? Broadcast(Expression scalar, Type type, Expression node)
    {
        Expression value = scalar;
        if (type == typeof(DateOnly))
        {
            value = Expression.Property(scalar, nameof(DateOnly.DayNumber));
        }
        else if (type == typeof(char) || type == typeof(short) || type == typeof(byte))
        {
            value = Expression.Convert(scalar, typeof(int));
        }

        if (!Lanes.IsLaneType(value.Type))
        {
            return Fail(node);
        }

        var key = (scalar is ConstantExpression c ? c.Value : scalar, value.Type);
        if (!_constants.TryGetValue(key, out var variable))
        {
            var vectorType = Lanes.VectorOf(value.Type);
            variable = Expression.Variable(vectorType, "broadcast");
            Variables.Add(variable);
            Setup.Add(Expression.Assign(variable, Expression.Call(vectorType == typeof(Vector512<>).MakeGenericType(value.Type) ? typeof(Vector512) : typeof(Vector256), "Create", null, value)));
            _constants[key] = variable;
        }

        return new VectorValue(variable, value.Type);
    }

    private object? Convert(UnaryExpression convert)
    {
        if (convert.Method is not null)
        {
            return Fail(convert);
        }

        var operand = Visit(convert.Operand);
        if (operand is not VectorValue v)
        {
            return operand is null ? null : Fail(convert);
        }

        var target = convert.Type == typeof(char) || convert.Type == typeof(short) ? typeof(int) : convert.Type;
        if (target == v.ScalarType)
        {
            return v;
        }

        var method = (v.ScalarType, target) switch
        {
            (var s, var t) when s == typeof(int) && t == typeof(long) => nameof(Lanes.WidenIntToLong),
            (var s, var t) when s == typeof(int) && t == typeof(double) => nameof(Lanes.WidenIntToDouble),
            (var s, var t) when s == typeof(int) && t == typeof(float) => nameof(Lanes.IntToFloat),
            (var s, var t) when s == typeof(long) && t == typeof(double) => nameof(Lanes.LongToDouble),
            (var s, var t) when s == typeof(float) && t == typeof(double) => nameof(Lanes.WidenFloatToDouble),
            _ => null,
        };
        return method is null ? Fail(convert) : new VectorValue(Expression.Call(Lanes.Method(method), v.Vector), target);
    }

    private object? Binary(BinaryExpression binary)
    {
        switch (binary.NodeType)
        {
            case ExpressionType.AndAlso or ExpressionType.And when binary.Type == typeof(bool):
                return Logical(binary, Expression.And, binary.NodeType == ExpressionType.AndAlso ? left => left : null);
            case ExpressionType.OrElse or ExpressionType.Or when binary.Type == typeof(bool):
                return Logical(binary, Expression.Or, binary.NodeType == ExpressionType.OrElse ? Negate : null);
            case ExpressionType.ExclusiveOr when binary.Type == typeof(bool):
                return Logical(binary, Expression.ExclusiveOr, null);
        }

        if (binary.NodeType is ExpressionType.Equal or ExpressionType.NotEqual && DivisibilityTest(binary) is { } divisible)
        {
            return binary.NodeType == ExpressionType.Equal ? divisible : Expression.And(Expression.Not(divisible), Expression.Constant(0xFFu));
        }

        if (binary.Method is not null && binary.Method.DeclaringType != typeof(DateOnly))
        {
            return Fail(binary);
        }

        var left = Visit(binary.Left);
        var right = Visit(binary.Right);
        if (left is not VectorValue l || right is not VectorValue r || l.ScalarType != r.ScalarType)
        {
            return left is null || right is null ? null : Fail(binary);
        }

        var isFloating = l.ScalarType == typeof(double) || l.ScalarType == typeof(float);
        switch (binary.NodeType)
        {
            case ExpressionType.Add:
                return new VectorValue(Expression.Add(l.Vector, r.Vector), l.ScalarType);
            case ExpressionType.Subtract:
                return new VectorValue(Expression.Subtract(l.Vector, r.Vector), l.ScalarType);
            case ExpressionType.Multiply:
                return new VectorValue(Expression.Multiply(l.Vector, r.Vector), l.ScalarType);
            case ExpressionType.Divide when isFloating:
                return new VectorValue(Expression.Divide(l.Vector, r.Vector), l.ScalarType);
            case ExpressionType.Divide or ExpressionType.Modulo when ConstantDivisor(binary.Right) is { } divisor:
                {
                    var name = (binary.NodeType == ExpressionType.Divide ? "Divide" : "Remainder") + (l.ScalarType == typeof(long) ? "Long" : "Int");
                    return new VectorValue(Expression.Call(Lanes.Method(name), l.Vector, Expression.Convert(divisor, l.ScalarType)), l.ScalarType);
                }
            case ExpressionType.Equal:
                return Compare("Equals", l, r, negate: false);
            case ExpressionType.NotEqual:
                return Compare("Equals", l, r, negate: true);
            case ExpressionType.LessThan:
                return Compare("LessThan", l, r, negate: false);
            case ExpressionType.LessThanOrEqual:
                return Compare("LessThanOrEqual", l, r, negate: false);
            case ExpressionType.GreaterThan:
                return Compare("GreaterThan", l, r, negate: false);
            case ExpressionType.GreaterThanOrEqual:
                return Compare("GreaterThanOrEqual", l, r, negate: false);
            default:
                return Fail(binary);
        }
    }

    /// <summary>
    /// <c>x % d == 0</c> for an odd literal d (|d| &gt; 1) and int or long x, as a multiply-and-compare per lane
    /// (<see cref="Lanes.DivisibleLong"/>); null for any other comparison, which then takes the general path.
    /// </summary>
    private Expression? DivisibilityTest(BinaryExpression comparison)
    {
        var (modulo, other) = comparison.Left is BinaryExpression { NodeType: ExpressionType.Modulo } left ? (left, comparison.Right)
            : comparison.Right is BinaryExpression { NodeType: ExpressionType.Modulo } right ? (right, comparison.Left)
            : (null, null);
        if (modulo is null || modulo.Method is not null || !IsZero(other!) || ConstantDivisor(modulo.Right) is not ConstantExpression { Value: { } literal })
        {
            return null;
        }

        var divisor = Math.Abs(System.Convert.ToInt64(literal, System.Globalization.CultureInfo.InvariantCulture));
        if ((divisor & 1) == 0 || divisor == 1 || (modulo.Type != typeof(long) && modulo.Type != typeof(int)) || Visit(modulo.Left) is not VectorValue x
            || x.ScalarType != modulo.Type)
        {
            return null;
        }

        var inverse = Lanes.InverseOdd((ulong)divisor);
        return x.ScalarType == typeof(long)
            ? Expression.Call(Lanes.Method(nameof(Lanes.DivisibleLong)), x.Vector, Expression.Constant(inverse), Expression.Constant((ulong)long.MaxValue / (ulong)divisor))
            : Expression.Call(Lanes.Method(nameof(Lanes.DivisibleInt)), x.Vector, Expression.Constant((uint)inverse), Expression.Constant((uint)int.MaxValue / (uint)divisor));
    }

    private static bool IsZero(Expression value) => value switch
    {
        ConstantExpression { Value: int i } => i == 0,
        ConstantExpression { Value: long l } => l == 0,
        UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand } => IsZero(operand),
        _ => false,
    };

    /// <summary>Integer division is vectorized only by a literal that cannot trap (not 0, not -1).</summary>
    private static Expression? ConstantDivisor(Expression divisor) => divisor switch
    {
        ConstantExpression { Value: int i } c when i is not 0 and not -1 => c,
        ConstantExpression { Value: long l } c when l is not 0 and not -1 => c,
        UnaryExpression { NodeType: ExpressionType.Convert, Operand: ConstantExpression operand } => ConstantDivisor(operand),
        _ => null,
    };

    /// <param name="binary">The operator.</param>
    /// <param name="combine">Combines the two sides' lane bits.</param>
    /// <param name="rightRuns">For a short-circuit, the lanes (given the left side's bits) where the right side runs.</param>
    private object? Logical(BinaryExpression binary, Func<Expression, Expression, BinaryExpression> combine, Func<Expression, Expression>? rightRuns)
    {
        var left = Visit(binary.Left);
        var right = left is Expression leftBits && rightRuns is not null ? Guarded(rightRuns(leftBits), () => Visit(binary.Right)) : Visit(binary.Right);
        if (left is Expression l && right is Expression r)
        {
            return combine(l, r);
        }

        return left is null || right is null ? null : Fail(binary);
    }

    /// <summary>Visits a sub-expression that LINQ evaluates only in the lanes of <paramref name="runs"/> (within the current guard).</summary>
    private object? Guarded(Expression runs, Func<object?> visit)
    {
        var outer = _guard;
        _guard = outer is null ? runs : Expression.And(outer, runs);
        try
        {
            return visit();
        }
        finally
        {
            _guard = outer;
        }
    }

    private static Expression Negate(Expression bits) => Expression.And(Expression.Not(bits), Expression.Constant(0xFFu));

    private static Expression Compare(string name, VectorValue l, VectorValue r, bool negate)
    {
        var vectorClass = l.Vector.Type.GetGenericTypeDefinition() == typeof(Vector512<>) ? typeof(Vector512) : typeof(Vector256);
        var mask = Expression.Call(vectorClass, name, [l.ScalarType], l.Vector, r.Vector);
        var bits = Expression.Call(typeof(Lanes), nameof(Lanes.Bits), [l.ScalarType], mask);
        return negate ? Expression.And(Expression.Not(bits), Expression.Constant(0xFFu)) : bits;
    }

    private object? Conditional(ConditionalExpression conditional)
    {
        var test = Visit(conditional.Test);
        if (test is not Expression bits)
        {
            return test is null ? null : Fail(conditional);
        }

        var whenTrue = Guarded(bits, () => Visit(conditional.IfTrue));
        var whenFalse = Guarded(Negate(bits), () => Visit(conditional.IfFalse));

        if (whenTrue is VectorValue t && whenFalse is VectorValue f && t.ScalarType == f.ScalarType)
        {
            var is64 = t.Vector.Type.GetGenericTypeDefinition() == typeof(Vector512<>);
            Expression mask = Expression.Call(Lanes.Method(is64 ? nameof(Lanes.Mask64) : nameof(Lanes.Mask32)), bits);
            var vectorClass = is64 ? typeof(Vector512) : typeof(Vector256);
            if (mask.Type != t.Vector.Type)
            {
                mask = Expression.Call(vectorClass, "As", [is64 ? typeof(long) : typeof(int), t.ScalarType], mask);
            }

            return new VectorValue(Expression.Call(vectorClass, "ConditionalSelect", [t.ScalarType], mask, t.Vector, f.Vector), t.ScalarType);
        }

        if (whenTrue is Expression a && whenFalse is Expression b)
        {
            return Expression.Or(Expression.And(bits, a), Expression.And(Expression.And(Expression.Not(bits), Expression.Constant(0xFFu)), b));
        }

        return whenTrue is null || whenFalse is null ? null : Fail(conditional);
    }

    private object? MathCall(MethodCallExpression call)
    {
        var arguments = call.Arguments.Select(Visit).ToArray();
        if (arguments.Any(a => a is not VectorValue))
        {
            return arguments.Any(a => a is null) ? null : Fail(call);
        }

        var values = arguments.Cast<VectorValue>().ToArray();
        var vectorClass = values[0].Vector.Type.GetGenericTypeDefinition() == typeof(Vector512<>) ? typeof(Vector512) : typeof(Vector256);
        return call.Method.Name switch
        {
            nameof(Math.Abs) when values.Length == 1 && values[0].ScalarType is var type && (type == typeof(int) || type == typeof(long)) => CheckedAbs(values[0]),
            nameof(Math.Abs) when values.Length == 1 => new VectorValue(Expression.Call(vectorClass, "Abs", [values[0].ScalarType], values[0].Vector), values[0].ScalarType),
            nameof(Math.Min) or nameof(Math.Max) when values.Length == 2 && values[0].ScalarType == values[1].ScalarType =>
                new VectorValue(Expression.Call(vectorClass, call.Method.Name, [values[0].ScalarType], values[0].Vector, values[1].Vector), values[0].ScalarType),
            _ => Fail(call),
        };
    }

    /// <summary>Math.Abs of ints or longs: int.MinValue has no absolute value, and LINQ's Math.Abs throws for it.</summary>
    private VectorValue CheckedAbs(VectorValue value)
    {
        if (Trap is null)
        {
            Trap = Expression.Variable(typeof(uint), "trap");
            Variables.Add(Trap);
            StepLoads.Add(Expression.Assign(Trap, Expression.Constant(0u)));
        }

        var vectorClass = value.Vector.Type.GetGenericTypeDefinition() == typeof(Vector512<>) ? typeof(Vector512) : typeof(Vector256);
        var lanes = Expression.Variable(value.Vector.Type, "absOf");
        var minimum = Expression.Call(vectorClass, "Create", null, Expression.Constant(value.ScalarType == typeof(int) ? (object)int.MinValue : long.MinValue));
        Expression throws = Expression.Call(typeof(Lanes), nameof(Lanes.Bits), [value.ScalarType], Expression.Call(vectorClass, "Equals", [value.ScalarType], lanes, minimum));
        if (_guard is not null)
        {
            throws = Expression.And(throws, _guard);
        }

        return new VectorValue(
            Expression.Block(
                [lanes],
                Expression.Assign(lanes, value.Vector),
                Expression.OrAssign(Trap, throws),
                Expression.Call(vectorClass, "Abs", [value.ScalarType], lanes)),
            value.ScalarType);
    }

    private object? Fail(Expression node) => Fail($"{node.NodeType} {node}");

    private object? Fail(string? reason)
    {
        Failure ??= reason;
        return null;
    }
}
