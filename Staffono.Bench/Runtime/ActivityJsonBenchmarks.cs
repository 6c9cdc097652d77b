using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Staffono.Runtime.Schema;

namespace Staffono.Bench.Runtime;

/// <summary>
/// Read (checked at the edge, then deserialized) and serialize a 2 KB web chat message: the work every
/// inbound activity costs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ActivityJsonBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private Utf8JsonWriter _writer = null!;
    private byte[] _webchatMessage = null!;
    private Activity _parsed = null!;

    /// <summary>The language of the customer's text: English is one byte per letter in UTF-8, Russian two.</summary>
    [Params("en", "ru")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        _webchatMessage = Encoding.UTF8.GetBytes(BenchmarkActivities.WebchatMessage2Kb(Language));
        _writer = ProtocolJson.CreateWriter(_output);
        _parsed = ProtocolJson.DeserializeActivity(_webchatMessage)!;
    }

    [Benchmark]
    public Activity DeserializeOnly() => ProtocolJson.DeserializeActivity(_webchatMessage)!;

    /// <summary>What the endpoints do with a body: check every string is well-formed text, then deserialize.</summary>
    [Benchmark]
    public Activity? ReadInbound() => ProtocolJson.TryReadInbound(_webchatMessage, out var activity, out _) ? activity : null;

    [Benchmark]
    public int SerializeOnly()
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        ProtocolJson.Serialize(_writer, _parsed);
        _writer.Flush();
        return _output.WrittenCount;
    }

    [Benchmark]
    public int RoundTripWebchatMessage()
    {
        ProtocolJson.TryReadInbound(_webchatMessage, out var activity, out _);
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        ProtocolJson.Serialize(_writer, activity!);
        _writer.Flush();
        return _output.WrittenCount;
    }
}
