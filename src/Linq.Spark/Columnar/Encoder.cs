using System.Linq.Expressions;
using System.Reflection;

namespace Linq.Spark.Columnar;

/// <summary>
/// Moves rows of type T in and out of columns (Spark's Encoder): one typed array per public member of records,
/// classes, structs and anonymous types; nullable members as values plus a validity bitmap; strings as dictionary
/// codes in stored data and as references in exchanged data. A type that cannot be rebuilt from its members (no
/// matching constructor or settable members) is kept as one column of whole rows, as are primitive types.
/// </summary>
internal sealed class Encoder<T> : IEncoder
{
    private static readonly Lazy<Encoder<T>> Stored = new(() => new Encoder<T>(dictionaryStrings: true));
    private static readonly Lazy<Encoder<T>> Exchanged = new(() => new Encoder<T>(dictionaryStrings: false));
    private readonly ConstructorInfo? _constructor;
    private readonly int[] _constructorColumns = [];
    private readonly Func<T[], int, int, ColumnBatch> _encode;
    private readonly Action<ColumnBatch, T[], int> _decodeInto;
    private readonly Lazy<Func<ColumnBatch, int, T>> _decodeAt;

    private Encoder(bool dictionaryStrings)
    {
        var members = FindMembers();
        (_constructor, _constructorColumns) = FindConstructor(members);
        IsWholeRow = members.Count == 0 || (_constructor is null && !CanInitialize(members));
        Columns = IsWholeRow
            ? [new ColumnSpec(typeof(Encoder<T>).GetProperty(nameof(RowType))!, typeof(T))]
            : members.Select(m => dictionaryStrings && m.MemberType == typeof(string) ? m with { Kind = ColumnKind.DictionaryString } : m).ToList();
        _encode = CompileEncode();
        _decodeInto = CompileDecodeInto();
        _decodeAt = new Lazy<Func<ColumnBatch, int, T>>(CompileDecodeAt);
    }

    /// <summary>The layout of data held by the session: strings dictionary-encoded per batch.</summary>
    public static Encoder<T> Instance => Stored.Value;

    /// <summary>The layout of batches that shuffles build row by row: strings kept as references.</summary>
    public static Encoder<T> Exchange => Exchanged.Value;

    public Type RowType => typeof(T);

    public IReadOnlyList<ColumnSpec> Columns { get; }

    public bool IsWholeRow { get; }

    public int ColumnOf(MemberInfo member)
    {
        if (IsWholeRow)
        {
            return -1;
        }

        for (var c = 0; c < Columns.Count; c++)
        {
            if (Columns[c].Member == member || (Columns[c].Member.Name == member.Name && Columns[c].Member.DeclaringType == member.DeclaringType))
            {
                return c;
            }
        }

        return -1;
    }

    public ColumnBatch Encode(T[] rows, int start, int count) => _encode(rows, start, count);

    public ColumnBatch EncodeArray(Array rows) => _encode((T[])rows, 0, rows.Length);

    public T[] Decode(ColumnBatch batch)
    {
        var rows = new T[batch.Count];
        _decodeInto(batch, rows, 0);
        return rows;
    }

    public Array DecodeAll(ColumnBatch batch) => Decode(batch);

    public void DecodeInto(ColumnBatch batch, Array rows, int offset) => _decodeInto(batch, (T[])rows, offset);

    public object? DecodeAt(ColumnBatch batch, int index) => _decodeAt.Value(batch, index);

    public Expression Read(ColumnLocals locals, int column, Expression index)
    {
        var spec = Columns[column];
        var values = locals.Values[column];
        if (locals.Dictionaries[column] is { } dictionary)
        {
            var code = Expression.ArrayIndex(values, index);
            return Expression.Condition(
                Expression.LessThan(code, Expression.Constant(0)),
                Expression.Constant(null, typeof(string)),
                Expression.ArrayIndex(dictionary, code));
        }

        if (locals.Validity[column] is { } valid)
        {
            return Expression.Condition(
                Expression.Call(typeof(Bitmap), nameof(Bitmap.Get), null, valid, index),
                Expression.Convert(Expression.ArrayIndex(values, index), spec.MemberType),
                Expression.Default(spec.MemberType));
        }

        return Expression.ArrayIndex(values, index);
    }

    public Expression Decode(ColumnLocals locals, Expression index)
    {
        if (IsWholeRow)
        {
            return Read(locals, 0, index);
        }

        if (_constructor is not null)
        {
            return Expression.New(_constructor, _constructorColumns.Select(c => Read(locals, c, index)));
        }

        return Expression.MemberInit(
            Expression.New(typeof(T)),
            Columns.Select((spec, c) => (MemberBinding)Expression.Bind(spec.Member, Read(locals, c, index))));
    }

    private static List<ColumnSpec> FindMembers()
    {
        var type = typeof(T);
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type.IsArray || type.IsInterface
            || type.IsAbstract || Nullable.GetUnderlyingType(type) is not null || type == typeof(object)
            || typeof(System.Collections.IEnumerable).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type))
        {
            return [];
        }

        var members = new List<ColumnSpec>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is not null && property.GetIndexParameters().Length == 0)
            {
                members.Add(new ColumnSpec(property, property.PropertyType));
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            members.Add(new ColumnSpec(field, field.FieldType));
        }

        return members;
    }

    /// <summary>A constructor taking exactly the members (records, anonymous types), matched by name and type.</summary>
    private static (ConstructorInfo?, int[]) FindConstructor(List<ColumnSpec> members)
    {
        foreach (var constructor in typeof(T).GetConstructors())
        {
            var parameters = constructor.GetParameters();
            if (parameters.Length != members.Count || parameters.Length == 0)
            {
                continue;
            }

            var map = new int[parameters.Length];
            var ok = true;
            for (var p = 0; p < parameters.Length && ok; p++)
            {
                map[p] = members.FindIndex(m => string.Equals(m.Name, parameters[p].Name, StringComparison.OrdinalIgnoreCase) && m.MemberType == parameters[p].ParameterType);
                ok = map[p] >= 0;
            }

            if (ok && map.Distinct().Count() == map.Length)
            {
                return (constructor, map);
            }
        }

        return (null, []);
    }

    private static bool CanInitialize(List<ColumnSpec> members) =>
        (typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null)
        && members.All(m => m.Member is FieldInfo { IsInitOnly: false } || (m.Member is PropertyInfo p && p.SetMethod is { IsPublic: true }));

    private Func<T[], int, int, ColumnBatch> CompileEncode()
    {
        var rows = Expression.Parameter(typeof(T[]), "rows");
        var start = Expression.Parameter(typeof(int), "start");
        var count = Expression.Parameter(typeof(int), "count");
        var i = Expression.Variable(typeof(int), "i");
        var row = Expression.Variable(typeof(T), "row");
        var columns = Expression.Variable(typeof(Array[]), "columns");
        var validity = Expression.Variable(typeof(ulong[][]), "validity");
        var values = Columns.Select(c => Expression.Variable(c.StorageType.MakeArrayType(), "v_" + c.Name)).ToArray();
        var valid = Columns.Select(c => c.IsNullable ? Expression.Variable(typeof(ulong[]), "ok_" + c.Name) : null).ToArray();

        var body = new List<Expression>
        {
            Expression.Assign(columns, Expression.NewArrayBounds(typeof(Array), Expression.Constant(Columns.Count))),
            Expression.Assign(validity, Expression.NewArrayBounds(typeof(ulong[]), Expression.Constant(Columns.Count))),
        };
        var perRow = new List<Expression> { Expression.Assign(row, Expression.ArrayIndex(rows, Expression.Add(start, i))) };
        for (var c = 0; c < Columns.Count; c++)
        {
            var spec = Columns[c];
            body.Add(Expression.Assign(values[c], Expression.NewArrayBounds(spec.StorageType, count)));
            body.Add(Expression.Assign(Expression.ArrayAccess(columns, Expression.Constant(c)), values[c]));
            var member = IsWholeRow ? (Expression)row : Expression.MakeMemberAccess(row, spec.Member);
            if (valid[c] is { } ok)
            {
                body.Add(Expression.Assign(ok, Expression.Call(typeof(Bitmap), nameof(Bitmap.Create), null, count)));
                body.Add(Expression.Assign(Expression.ArrayAccess(validity, Expression.Constant(c)), ok));
                perRow.Add(Bitmap.StoreNullable(member, Expression.ArrayAccess(values[c], i), ok, i));
            }
            else
            {
                perRow.Add(Expression.Assign(Expression.ArrayAccess(values[c], i), member));
            }
        }

        var end = Expression.Label("end");
        body.Add(Expression.Assign(i, Expression.Constant(0)));
        body.Add(Expression.Loop(
            Expression.IfThenElse(
                Expression.LessThan(i, count),
                Expression.Block(Expression.Block(perRow), Expression.PreIncrementAssign(i)),
                Expression.Break(end)),
            end));
        body.Add(Expression.New(
            typeof(ColumnBatch).GetConstructors()[0],
            count,
            columns,
            validity,
            Expression.NewArrayBounds(typeof(string[]), Expression.Constant(Columns.Count))));
        var lambda = Expression.Lambda<Func<T[], int, int, ColumnBatch>>(
            Expression.Block([i, row, columns, validity, .. values, .. valid.OfType<ParameterExpression>()], body),
            rows,
            start,
            count);
        var plain = lambda.Compile();
        return (source, offset, length) => DictionaryEncode(plain(source, offset, length));
    }

    public ColumnBatch Store(ColumnBatch plain) => DictionaryEncode(plain);

    /// <summary>Replaces every dictionary-string column by int codes into a dictionary of its distinct values.</summary>
    private ColumnBatch DictionaryEncode(ColumnBatch batch)
    {
        for (var c = 0; c < Columns.Count; c++)
        {
            if (Columns[c].Kind != ColumnKind.DictionaryString || batch.Columns[c] is not string?[] strings)
            {
                continue;
            }

            var codes = new int[strings.Length];
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var dictionary = new List<string>();
            for (var i = 0; i < strings.Length; i++)
            {
                var s = strings[i];
                if (s is null)
                {
                    codes[i] = -1;
                    continue;
                }

                if (!index.TryGetValue(s, out var code))
                {
                    code = dictionary.Count;
                    index[s] = code;
                    dictionary.Add(s);
                }

                codes[i] = code;
            }

            batch.Columns[c] = codes;
            batch.Dictionaries[c] = [.. dictionary];
        }

        return batch;
    }

    private Func<ColumnBatch, int, T> CompileDecodeAt()
    {
        var batch = Expression.Parameter(typeof(ColumnBatch), "batch");
        var index = Expression.Parameter(typeof(int), "index");
        var locals = new ColumnLocals(this);
        var body = Expression.Block(locals.All, [.. locals.Load(batch), Decode(locals, index)]);
        return Expression.Lambda<Func<ColumnBatch, int, T>>(body, batch, index).Compile();
    }

    private Action<ColumnBatch, T[], int> CompileDecodeInto()
    {
        var batch = Expression.Parameter(typeof(ColumnBatch), "batch");
        var rows = Expression.Parameter(typeof(T[]), "rows");
        var offset = Expression.Parameter(typeof(int), "offset");
        var locals = new ColumnLocals(this);
        var i = Expression.Variable(typeof(int), "i");
        var count = Expression.Property(batch, nameof(ColumnBatch.Count));
        var end = Expression.Label("end");
        var body = Expression.Block(
            [i, .. locals.All],
            [
                .. locals.Load(batch),
                Expression.Assign(i, Expression.Constant(0)),
                Expression.Loop(
                    Expression.IfThenElse(
                        Expression.LessThan(i, count),
                        Expression.Block(Expression.Assign(Expression.ArrayAccess(rows, Expression.Add(offset, i)), Decode(locals, i)), Expression.PreIncrementAssign(i)),
                        Expression.Break(end)),
                    end),
            ]);
        return Expression.Lambda<Action<ColumnBatch, T[], int>>(body, batch, rows, offset).Compile();
    }
}
