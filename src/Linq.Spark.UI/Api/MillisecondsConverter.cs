using System.Text.Json;
using System.Text.Json.Serialization;

namespace Linq.Spark.UI.Api;

/// <summary>Writes durations as milliseconds, a number any client can compare, where System.Text.Json would write "hh:mm:ss".</summary>
internal sealed class MillisecondsConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TimeSpan.FromMilliseconds(reader.GetDouble());

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteNumberValue(value.TotalMilliseconds);
}
