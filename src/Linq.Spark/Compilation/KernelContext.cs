using System.Linq.Expressions;

namespace Linq.Spark.Compilation;

/// <summary>Code-generation state of one kernel: its variables, set-up statements and the label that ends the loop.</summary>
internal sealed class KernelContext(ParameterExpression taskContext, ParameterExpression sink)
{
    private readonly List<ParameterExpression> _variables = [];
    private readonly List<Expression> _prologue = [];

    public ParameterExpression TaskContext { get; } = taskContext;

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
