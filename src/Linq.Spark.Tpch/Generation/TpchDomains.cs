namespace Linq.Spark.Tpch;

/// <summary>The value domains of the TPC-H specification (clause 4.2.2.13 and 4.2.3) used by the generator.</summary>
internal static class TpchDomains
{
    public static readonly DateOnly StartDate = new(1992, 1, 1);
    public static readonly DateOnly EndDate = new(1998, 12, 31);

    /// <summary>The specification's CURRENTDATE, which decides return flags and line statuses.</summary>
    public static readonly DateOnly CurrentDate = new(1995, 6, 17);

    public static readonly string[] Regions = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"];

    public static readonly (string Name, int RegionKey)[] Nations =
    [
        ("ALGERIA", 0), ("ARGENTINA", 1), ("BRAZIL", 1), ("CANADA", 1), ("EGYPT", 4),
        ("ETHIOPIA", 0), ("FRANCE", 3), ("GERMANY", 3), ("INDIA", 2), ("INDONESIA", 2),
        ("IRAN", 4), ("IRAQ", 4), ("JAPAN", 2), ("JORDAN", 4), ("KENYA", 0),
        ("MOROCCO", 0), ("MOZAMBIQUE", 0), ("PERU", 1), ("CHINA", 2), ("ROMANIA", 3),
        ("SAUDI ARABIA", 4), ("VIETNAM", 2), ("RUSSIA", 3), ("UNITED KINGDOM", 3), ("UNITED STATES", 1),
    ];

    public static readonly string[] Colors =
    [
        "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush",
        "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral", "cornflower",
        "cornsilk", "cream", "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral", "forest",
        "frosted", "gainsboro", "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory",
        "khaki", "lace", "lavender", "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium",
        "metallic", "midnight", "mint", "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid",
        "pale", "papaya", "peach", "peru", "pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy",
        "royal", "saddle", "salmon", "sandy", "seashell", "sienna", "sky", "slate", "smoke", "snow", "spring",
        "steel", "tan", "thistle", "tomato", "turquoise", "violet", "wheat", "white", "yellow",
    ];

    public static readonly string[] TypeSyllable1 = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"];
    public static readonly string[] TypeSyllable2 = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"];
    public static readonly string[] TypeSyllable3 = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"];

    /// <summary>All 150 part types, so a type is one interned string rather than one allocation per part.</summary>
    public static readonly string[] Types =
        [.. from a in TypeSyllable1 from b in TypeSyllable2 from c in TypeSyllable3 select $"{a} {b} {c}"];

    public static readonly string[] ContainerSyllable1 = ["SM", "LG", "MED", "JUMBO", "WRAP"];
    public static readonly string[] ContainerSyllable2 = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"];

    /// <summary>All 40 containers.</summary>
    public static readonly string[] Containers =
        [.. from a in ContainerSyllable1 from b in ContainerSyllable2 select $"{a} {b}"];

    /// <summary>Manufacturer names, index 1..5 (index 0 unused).</summary>
    public static readonly string[] Manufacturers = [.. Enumerable.Range(0, 6).Select(m => $"Manufacturer#{m}")];

    /// <summary>Brand names indexed by manufacturer * 10 + n.</summary>
    public static readonly string[] Brands = [.. Enumerable.Range(0, 56).Select(b => $"Brand#{b}")];

    public static readonly string[] Segments = ["AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"];
    public static readonly string[] Priorities = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"];
    public static readonly string[] ShipInstructs = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"];
    public static readonly string[] ShipModes = ["REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"];

    // Comment words, grouped by the part of speech they play in the specification's text grammar. Frequent
    // words are listed more than once, like the grammar's weights, so that phrases such as "special requests"
    // (probed by Q13) turn up in about one order comment in a hundred.
    public static readonly string[] Nouns =
    [
        "packages", "packages", "packages", "packages", "requests", "requests", "requests", "requests",
        "accounts", "accounts", "accounts", "accounts", "deposits", "deposits", "deposits", "deposits",
        "foxes", "foxes", "ideas", "ideas", "theodolites", "theodolites", "pinto beans", "pinto beans",
        "instructions", "instructions", "dependencies", "excuses", "platelets", "asymptotes", "courts",
        "dolphins", "multipliers", "sauternes", "warthogs", "frets", "dinos", "attainments", "somas",
        "patterns", "forges", "braids", "hockey players", "frays", "warhorses", "dugouts", "epitaphs",
        "pearls", "tithes", "waters", "orbits", "gifts", "sheaves", "depths", "sentiments", "decoys",
        "realms", "pains", "grouches", "escapades",
    ];

    public static readonly string[] Verbs =
    [
        "sleep", "sleep", "wake", "wake", "are", "are", "cajole", "cajole", "haggle", "haggle", "nag", "nag",
        "use", "use", "boost", "boost", "affix", "detect", "integrate", "maintain", "nod", "was", "lose",
        "sublate", "solve", "thrash", "promise", "engage", "hinder", "print", "x-ray", "breach", "eat", "grow",
        "impress", "mold", "poach", "serve", "run", "dazzle", "snooze", "doze", "unwind", "kindle", "play",
        "hang", "believe", "doubt",
    ];

    public static readonly string[] Adjectives =
    [
        "special", "special", "special", "pending", "pending", "unusual", "unusual", "express", "express",
        "furious", "sly", "careful", "blithe", "quick", "fluffy", "slow", "quiet", "ruthless", "thin", "close",
        "dogged", "daring", "brave", "stealthy", "permanent", "enticing", "idle", "busy", "regular", "regular",
        "final", "final", "ironic", "ironic", "even", "even", "bold", "silent",
    ];

    public static readonly string[] Adverbs =
    [
        "sometimes", "always", "never", "furiously", "furiously", "slyly", "slyly", "carefully", "carefully",
        "blithely", "blithely", "quickly", "quickly", "fluffily", "fluffily", "slowly", "quietly", "ruthlessly",
        "thinly", "closely", "doggedly", "daringly", "bravely", "stealthily", "permanently", "enticingly",
        "idly", "busily", "regularly", "finally", "ironically", "evenly", "boldly", "silently",
    ];

    public static readonly string[] Prepositions =
    [
        "about", "above", "according to", "across", "after", "against", "along", "among", "around", "at",
        "atop", "before", "behind", "beneath", "beside", "besides", "between", "beyond", "by", "despite",
        "during", "except", "for", "from", "inside", "instead of", "into", "near", "of", "on", "outside",
        "over", "past", "since", "through", "throughout", "to", "toward", "under", "until", "up", "upon",
        "without", "with", "within",
    ];

    /// <summary>The order in which word classes follow each other in a comment: a crude sentence.</summary>
    public static readonly string[][] Grammar = [Adverbs, Adjectives, Nouns, Verbs, Prepositions, Adjectives, Nouns];

    public const string AddressCharacters = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,.";
}
