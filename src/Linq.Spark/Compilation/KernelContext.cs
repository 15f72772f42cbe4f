using System.Linq.Expressions;

namespace Linq.Spark.Compilation;

/// <summary>Code-generation state of one kernel: its variables, set-up statements and the label that ends the loop.</summary>
internal sealed class KernelContext(ParameterExpression taskContext, ParameterExpression sink)
{
    private readonly List<ParameterExpression> _variables = [];
    private readonly List<Expression> _prologue = [];
    private readonly Dictionary<object, ParameterExpression> _states = new(ReferenceEqualityComparer.Instance);

    public ParameterExpression Control { get; } = taskContext;

    public ParameterExpression Sink { get; } = sink;

    /// <summary>The position of the current input row in the partition (for sinks that remember where a row came from).</summary>
    public Expression InputIndex { get; set; } = Expression.Constant(-1);

    /// <summary>Jumping here ends the partition early (a per-partition limit was reached).</summary>
    public LabelTarget Exit { get; } = Expression.Label("exit");

    public IReadOnlyList<ParameterExpression> Variables => _variables;

    public IReadOnlyList<Expression> Prologue => _prologue;

    /// <summary>Declares kernel-level variables that the given statements set once before the loop.</summary>
    public void DeclareAll(IEnumerable<ParameterExpression> variables, IEnumerable<Expression> setUp)
    {
        _variables.AddRange(variables);
        _prologue.AddRange(setUp);
    }

    /// <summary>
    /// The variable that carries <paramref name="owner"/>'s state from row to row (a limit's count), declared on first
    /// use: a kernel that emits an operator's code in several places (SIMD steps, the scalar tail) shares one state.
    /// </summary>
    public ParameterExpression State(object owner, Type type, string name, Expression initial, Func<ParameterExpression, Expression>? prologue = null)
    {
        if (!_states.TryGetValue(owner, out var variable))
        {
            variable = Declare(type, name, initial);
            _states[owner] = variable;
            if (prologue is not null)
            {
                _prologue.Add(prologue(variable));
            }
        }

        return variable;
    }

    /// <summary>Declares a kernel-level variable, initialized once before the loop.</summary>
    public ParameterExpression Declare(Type type, string name, Expression? initial = null)
    {
        var variable = Expression.Variable(type, name + _variables.Count);
        _variables.Add(variable);
        if (initial is not null)
        {
            _prologue.Add(Expression.Assign(variable, initial));
        }

        return variable;
    }
}
