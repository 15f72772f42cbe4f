using System.Linq.Expressions;

namespace Linq.Spark.Columnar;

/// <summary>Kernel variables holding a batch's typed column arrays, validity bitmaps and dictionaries, loaded once per batch.</summary>
internal sealed class ColumnLocals
{
    public ColumnLocals(IEncoder encoder)
    {
        var columns = encoder.Columns;
        Values = new ParameterExpression[columns.Count];
        Validity = new ParameterExpression?[columns.Count];
        Dictionaries = new ParameterExpression?[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var spec = columns[c];
            var dictionary = spec.Kind == ColumnKind.DictionaryString;
            Values[c] = Expression.Variable((dictionary ? typeof(int) : spec.StorageType).MakeArrayType(), "col_" + spec.Name);
            Validity[c] = spec.IsNullable ? Expression.Variable(typeof(ulong[]), "valid_" + spec.Name) : null;
            Dictionaries[c] = dictionary ? Expression.Variable(typeof(string[]), "dict_" + spec.Name) : null;
        }
    }

    public ParameterExpression[] Values { get; }

    public ParameterExpression?[] Validity { get; }

    public ParameterExpression?[] Dictionaries { get; }

    public IEnumerable<ParameterExpression> All => Values.Concat(Validity.OfType<ParameterExpression>()).Concat(Dictionaries.OfType<ParameterExpression>());

    /// <summary>The locals of one column: its values, and its validity or dictionary where it has one.</summary>
    public IEnumerable<ParameterExpression> Of(int column) =>
        new[] { Values[column], Validity[column], Dictionaries[column] }.OfType<ParameterExpression>();

    /// <summary>Statements loading the locals from a ColumnBatch expression.</summary>
    public IEnumerable<Expression> Load(Expression batch)
    {
        for (var c = 0; c < Values.Length; c++)
        {
            var index = Expression.Constant(c);
            yield return Expression.Assign(Values[c], Expression.Convert(Expression.ArrayIndex(Expression.Property(batch, nameof(ColumnBatch.Columns)), index), Values[c].Type));
            if (Validity[c] is { } valid)
            {
                yield return Expression.Assign(valid, Expression.ArrayIndex(Expression.Property(batch, nameof(ColumnBatch.Validity)), index));
            }

            if (Dictionaries[c] is { } dictionary)
            {
                yield return Expression.Assign(dictionary, Expression.ArrayIndex(Expression.Property(batch, nameof(ColumnBatch.Dictionaries)), index));
            }
        }
    }
}
