using System.Linq.Expressions;

namespace Linq.Spark.Columnar;

/// <summary>The type-independent face of <see cref="Encoder{T}"/>, used by kernel code generation.</summary>
internal interface IEncoder
{
    Type RowType { get; }

    /// <summary>The columns; a single column holding whole rows when the type cannot be taken apart.</summary>
    IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>Whether the one column holds whole rows (primitive types, or types with no constructor for their members).</summary>
    bool IsWholeRow { get; }

    /// <summary>The column index of a member, or -1.</summary>
    int ColumnOf(System.Reflection.MemberInfo member);

    /// <summary>An expression reading column <paramref name="column"/> at <paramref name="index"/>, as the member's type.</summary>
    Expression Read(ColumnLocals locals, int column, Expression index);

    /// <summary>An expression building the whole row at <paramref name="index"/> from the columns.</summary>
    Expression Decode(ColumnLocals locals, Expression index);

    /// <summary>Builds the one row at <paramref name="index"/> of a batch.</summary>
    object? DecodeAt(ColumnBatch batch, int index);

    /// <summary>Decodes a whole batch into rows.</summary>
    Array DecodeAll(ColumnBatch batch);

    /// <summary>Decodes a whole batch into <paramref name="rows"/> (of <see cref="RowType"/>) from <paramref name="offset"/> on.</summary>
    void DecodeInto(ColumnBatch batch, Array rows, int offset);

    /// <summary>A batch built with strings as references, in this layout (its string columns dictionary-encoded where the layout says so).</summary>
    ColumnBatch Store(ColumnBatch plain);

    /// <summary>Encodes an array of rows (of <see cref="RowType"/>) into one batch.</summary>
    ColumnBatch EncodeArray(Array rows);
}
