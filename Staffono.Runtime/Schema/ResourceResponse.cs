namespace Staffono.Runtime.Schema;

/// <summary>The connector's answer to a send, reply or update: the activity id it assigned.</summary>
public sealed class ResourceResponse
{
    public ResourceResponse() { }

    public ResourceResponse(string? id) => Id = id;

    public string? Id { get; set; }
}
