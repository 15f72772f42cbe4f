using System.Text;

namespace Linq.Spark.Internal;

/// <summary>
/// Turns the text of a printed expression tree into the C# the user wrote: an anonymous type's constructor
/// (<c>new &lt;&gt;f__AnonymousType1`2(ReturnFlag = l.ReturnFlag, …)</c>) becomes <c>new { l.ReturnFlag, … }</c>, a query's
/// transparent identifiers (<c>&lt;&gt;h__TransparentIdentifier0.l.Price</c>) disappear from member paths, a value tuple's
/// constructor becomes <c>(a, b)</c>, <c>Convert(x, Int32)</c> becomes <c>(int)x</c>, <c>IIF(c, a, b)</c> becomes
/// <c>(c ? a : b)</c>, and the operators <c>AndAlso</c>, <c>OrElse</c>, <c>And</c>, <c>Or</c> become <c>&amp;&amp;</c>,
/// <c>||</c>, <c>&amp;</c>, <c>|</c>.
/// </summary>
/// <remarks>Used where plans are shown (Explain and <c>QueryPlan</c>), so no compiler-generated name reaches a user.</remarks>
internal static class CSharpText
{
    private const string AnonymousType = "new <>f__AnonymousType";
    private const string ValueTuple = "new ValueTuple`";
    private const string TransparentIdentifier = "<>h__TransparentIdentifier";

    private static readonly (string Printed, string CSharp)[] Operators =
        [(" AndAlso ", " && "), (" OrElse ", " || "), (" And ", " & "), (" Or ", " | ")];

    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["Boolean"] = "bool", ["Byte"] = "byte", ["SByte"] = "sbyte", ["Char"] = "char", ["Decimal"] = "decimal",
        ["Double"] = "double", ["Single"] = "float", ["Int16"] = "short", ["UInt16"] = "ushort", ["Int32"] = "int",
        ["UInt32"] = "uint", ["Int64"] = "long", ["UInt64"] = "ulong", ["Object"] = "object", ["String"] = "string",
    };

    /// <summary>The same text with every compiler-generated construct written as C#.</summary>
    public static string Readable(string text)
    {
        if (!text.Contains("<>", StringComparison.Ordinal) && !text.Contains('`') && !text.Contains("Convert", StringComparison.Ordinal)
            && !text.Contains("IIF(", StringComparison.Ordinal) && !Operators.Any(o => text.Contains(o.Printed, StringComparison.Ordinal)))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (At(text, i, AnonymousType) && Arguments(text, text.IndexOf('(', i), out var members, out var end))
            {
                result.Append("new { ").AppendJoin(", ", members.Select(m => Member(Readable(m)))).Append(" }");
                i = end;
            }
            else if (At(text, i, ValueTuple) && Arguments(text, text.IndexOf('(', i), out var items, out end))
            {
                result.Append('(').AppendJoin(", ", items.Select(Readable)).Append(')');
                i = end;
            }
            else if (StartsWord(text, i, "Convert(") && Arguments(text, i + "Convert".Length, out var operands, out end) && operands.Count == 2)
            {
                // ((IFoo)x).Bar, not (IFoo)x.Bar: a member read after the cast applies to the cast value.
                var cast = $"({TypeName(operands[1])}){Readable(operands[0])}";
                result.Append(end < text.Length && text[end] is '.' or '[' ? $"({cast})" : cast);
                i = end;
            }
            else if (StartsWord(text, i, "IIF(") && Arguments(text, i + "IIF".Length, out var branches, out end) && branches.Count == 3)
            {
                result.Append('(').Append(Readable(branches[0])).Append(" ? ").Append(Readable(branches[1])).Append(" : ")
                    .Append(Readable(branches[2])).Append(')');
                i = end;
            }
            else if (Operators.FirstOrDefault(o => At(text, i, o.Printed)) is ({ } printed, { } csharp))
            {
                result.Append(csharp);
                i += printed.Length;
            }
            else if (text[i] == '"')
            {
                // A string literal is the user's text: copied as it is, whatever it spells.
                var close = text.IndexOf('"', i + 1);
                close = close < 0 ? text.Length - 1 : close;
                result.Append(text, i, close - i + 1);
                i = close + 1;
            }
            else if (At(text, i, TransparentIdentifier))
            {
                var digits = i + TransparentIdentifier.Length;
                while (digits < text.Length && char.IsAsciiDigit(text[digits]))
                {
                    digits++;
                }

                // A member path through it loses it (t.l.Price is l.Price); alone it is a row of the query: t0, t1…
                if (digits < text.Length && text[digits] == '.')
                {
                    i = digits + 1;
                }
                else
                {
                    result.Append('t').Append(text, i + TransparentIdentifier.Length, digits - i - TransparentIdentifier.Length);
                    i = digits;
                }
            }
            else
            {
                result.Append(text[i]);
                i++;
            }
        }

        return result.ToString();
    }

    /// <summary><c>Price = l.Price</c> is written <c>l.Price</c>, as a projection initializer names the member after what it reads.</summary>
    private static string Member(string assignment)
    {
        var equals = assignment.IndexOf(" = ", StringComparison.Ordinal);
        if (equals <= 0)
        {
            return assignment;
        }

        var name = assignment[..equals];
        var value = assignment[(equals + 3)..];
        return value == name || value.EndsWith("." + name, StringComparison.Ordinal) && IsMemberPath(value) ? value : assignment;
    }

    private static bool IsMemberPath(string text) => text.All(c => char.IsLetterOrDigit(c) || c is '.' or '_');

    private static string TypeName(string name)
    {
        name = name.Trim();
        if (Keywords.TryGetValue(name, out var keyword))
        {
            return keyword;
        }

        // A generic type prints as Name`2, without its arguments: Name<…> says as much in C#.
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick > 0 ? name[..tick] + "<…>" : name;
    }

    private static bool At(string text, int i, string token) => string.CompareOrdinal(text, i, token, 0, token.Length) == 0;

    private static bool StartsWord(string text, int i, string token) =>
        At(text, i, token) && (i == 0 || !(char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '.'));

    /// <summary>
    /// The comma-separated arguments between the parenthesis at <paramref name="open"/> and its match (commas inside
    /// nested brackets and string literals do not split), and the index after the closing parenthesis.
    /// </summary>
    private static bool Arguments(string text, int open, out List<string> arguments, out int end)
    {
        arguments = [];
        end = open;
        if (open < 0 || open >= text.Length || text[open] != '(')
        {
            return false;
        }

        var depth = 0;
        var start = open + 1;
        var quoted = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                quoted = c != '"' || text[i - 1] == '\\';
                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    if (depth == 0)
                    {
                        if (i > start || arguments.Count > 0)
                        {
                            arguments.Add(text[start..i].Trim());
                        }

                        end = i + 1;
                        return true;
                    }

                    break;
                case ',' when depth == 1:
                    arguments.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        return false;
    }
}
