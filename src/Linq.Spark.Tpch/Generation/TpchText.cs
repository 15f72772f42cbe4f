using System.Globalization;
using System.Runtime.CompilerServices;

namespace Linq.Spark.Tpch;

/// <summary>Builds the generator's strings: comments from the word grammar, addresses, phones and padded names.</summary>
internal static class TpchText
{
    private const int MaxWordLength = 16;

    /// <summary>A comment of <paramref name="minLength"/>..<paramref name="maxLength"/> characters of grammar words.</summary>
    public static string Comment(ref TpchRandom random, int minLength, int maxLength)
    {
        Span<char> buffer = stackalloc char[maxLength + MaxWordLength + 1];
        int length = Words(ref random, buffer, random.Next(minLength, maxLength));
        return new string(buffer[..length]);
    }

    /// <summary>
    /// A supplier comment that contains <c>Customer</c>, a few words, then <paramref name="tail"/>
    /// (<c>Complaints</c> or <c>Recommends</c>), as clause 4.2.3 asks for a few suppliers.
    /// </summary>
    public static string CustomerRemark(ref TpchRandom random, string tail)
    {
        Span<char> buffer = stackalloc char[128];
        int length = Words(ref random, buffer, random.Next(5, 25));
        length = Append(buffer, length, " Customer ");
        length = Append(buffer, length, random.Pick(TpchDomains.Adjectives));
        length = Append(buffer, length, " ");
        length = Append(buffer, length, tail);
        length = Append(buffer, length, " ");
        length += Words(ref random, buffer[length..], random.Next(5, 25));
        return new string(buffer[..length]);
    }

    /// <summary>A random string of letters, digits, commas and dots (the specification's v-string).</summary>
    public static string Address(ref TpchRandom random)
    {
        Span<char> buffer = stackalloc char[40];
        int length = random.Next(10, 40);
        for (int i = 0; i < length; i++)
        {
            buffer[i] = TpchDomains.AddressCharacters[random.Next(0, TpchDomains.AddressCharacters.Length - 1)];
        }

        return new string(buffer[..length]);
    }

    /// <summary>A phone number <c>CC-LLL-LLL-LLLL</c> whose country code is the nation key + 10.</summary>
    public static string Phone(ref TpchRandom random, int nationKey)
    {
        int a = random.Next(100, 999), b = random.Next(100, 999), c = random.Next(1000, 9999);
        return string.Create(15, (nationKey + 10, a, b, c), static (span, p) =>
        {
            p.Item1.TryFormat(span, out _, default, CultureInfo.InvariantCulture);
            span[2] = '-';
            p.a.TryFormat(span[3..], out _, default, CultureInfo.InvariantCulture);
            span[6] = '-';
            p.b.TryFormat(span[7..], out _, default, CultureInfo.InvariantCulture);
            span[10] = '-';
            p.c.TryFormat(span[11..], out _, default, CultureInfo.InvariantCulture);
        });
    }

    /// <summary>A name such as <c>Customer#000000042</c>: the prefix and the key in nine digits.</summary>
    public static string Numbered(string prefix, int key) =>
        string.Create(prefix.Length + 9, (prefix, key), static (span, p) =>
        {
            p.prefix.AsSpan().CopyTo(span);
            p.key.TryFormat(span[p.prefix.Length..], out _, "D9", CultureInfo.InvariantCulture);
        });

    // Writes grammar words into the buffer until targetLength is reached, cuts there (a word may be cut, as in
    // dbgen's text pool) and drops trailing blanks; returns the length written.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Words(ref TpchRandom random, Span<char> buffer, int targetLength)
    {
        int length = 0;
        int slot = random.Next(0, TpchDomains.Grammar.Length - 1);
        while (length < targetLength)
        {
            if (length > 0)
            {
                buffer[length++] = ' ';
            }

            string word = random.Pick(TpchDomains.Grammar[slot]);
            word.AsSpan().CopyTo(buffer[length..]);
            length += word.Length;
            slot = slot + 1 == TpchDomains.Grammar.Length ? 0 : slot + 1;
        }

        length = targetLength;
        while (length > 1 && buffer[length - 1] == ' ')
        {
            length--;
        }

        return length;
    }

    private static int Append(Span<char> buffer, int length, string text)
    {
        text.AsSpan().CopyTo(buffer[length..]);
        return length + text.Length;
    }
}
