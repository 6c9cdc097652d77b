using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Staffono.Runtime.Adapter;

namespace Staffono.Runtime.State;

/// <summary>
/// A scope of state (a conversation, a user) stored as one JSON document per key. The document is
/// read on first use in a turn, properties are deserialized when asked for, and the document is
/// written back at turn end only if its JSON changed, guarded by the ETag it was read with — so a
/// write from another process in between is reported as a conflict, never overwritten.
/// </summary>
public abstract class BotState
{
    /// <summary>How many times a merging scope re-reads and merges before it reports a conflict after all.</summary>
    public const int MaxMergeAttempts = 5;

    private static readonly object Deleted = new();
    private readonly IStorage _storage;
    private readonly string _cacheKey;

    protected BotState(IStorage storage, string name, JsonSerializerOptions? serializerOptions = null, bool mergeOnConflict = false)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        Name = name;
        _cacheKey = "state:" + name;
        SerializerOptions = serializerOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
        MergesOnConflict = mergeOnConflict;
    }

    public string Name { get; }

    /// <summary>
    /// When another writer got in first, whether this turn's changes are merged into what they wrote instead
    /// of reporting a conflict: right for a scope two conversations share (the user's), where two turns
    /// rarely change the same field and the customer must never be asked to repeat themselves.
    /// </summary>
    public bool MergesOnConflict { get; }

    /// <summary>How property values are turned into JSON.</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>The storage key of this scope for the turn, or null when the activity lacks what the key needs.</summary>
    public abstract string? GetStorageKey(ITurnContext turnContext);

    public IStatePropertyAccessor<T> CreateProperty<T>(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new PropertyAccessor<T>(this, name);
    }

    /// <summary>Whether this turn has read the document already (so looking into it costs nothing).</summary>
    public bool IsLoaded(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.ContainsKey(_cacheKey);
    }

    /// <summary>Reads the document unless this turn already did (or <paramref name="force"/>).</summary>
    public async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!force && turnContext.TurnState.ContainsKey(_cacheKey))
        {
            return;
        }

        var key = GetStorageKey(turnContext) ?? throw new InvalidOperationException($"{Name} state needs a key, but the activity lacks the ids it is made of.");
        var items = await _storage.ReadAsync([key], cancellationToken);
        items.TryGetValue(key, out var item);
        turnContext.TurnState[_cacheKey] = new CachedState(key, item);
    }

    /// <summary>Writes the document if anything changed since it was read; throws <see cref="StorageConflictException"/> if someone else wrote it meanwhile.</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!turnContext.TurnState.TryGetValue(_cacheKey, out var cached) || cached is not CachedState state)
        {
            return;
        }

        var json = state.Serialize(SerializerOptions);
        if (!force && json == state.StoredJson)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var etags = await _storage.WriteAsync(new Dictionary<string, StoreItem> { [state.Key] = new(json, state.ETag) }, cancellationToken);
                state.MarkSaved(json, etags[state.Key]);
                return;
            }
            catch (StorageConflictException) when (MergesOnConflict && attempt < MaxMergeAttempts)
            {
                // Another conversation of the same user saved first: apply what this turn changed to what they saved.
                var fresh = await _storage.ReadAsync([state.Key], cancellationToken);
                fresh.TryGetValue(state.Key, out var theirs);
                json = state.MergeInto(theirs, json);
            }
        }
    }

    /// <summary>Empties this scope for the turn; the empty document is written at turn end.</summary>
    public async Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var state = await GetCachedAsync(turnContext, cancellationToken);
        state.Clear();
    }

    /// <summary>Removes this scope's document from storage at once.</summary>
    public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Remove(_cacheKey);
        var key = GetStorageKey(turnContext);
        if (key is not null)
        {
            await _storage.DeleteAsync([key], cancellationToken);
        }
    }

    private async Task<CachedState> GetCachedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await LoadAsync(turnContext, force: false, cancellationToken);
        return (CachedState)turnContext.TurnState[_cacheKey];
    }

    private sealed class PropertyAccessor<T>(BotState owner, string name) : IStatePropertyAccessor<T>
    {
        public string Name => name;

        public async Task<T?> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default)
        {
            var state = await owner.GetCachedAsync(turnContext, cancellationToken);
            if (state.Values.TryGetValue(name, out var value) && !ReferenceEquals(value, Deleted))
            {
                return (T?)value;
            }

            if (!state.Values.ContainsKey(name) && state.Stored.TryGetValue(name, out var element))
            {
                var read = element.Deserialize<T>(owner.SerializerOptions);
                state.Values[name] = read;
                return read;
            }

            if (defaultValueFactory is null)
            {
                return default;
            }

            var created = defaultValueFactory();
            state.Values[name] = created;
            return created;
        }

        public async Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default)
        {
            var state = await owner.GetCachedAsync(turnContext, cancellationToken);
            state.Values[name] = value;
        }

        public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var state = await owner.GetCachedAsync(turnContext, cancellationToken);
            state.Values[name] = Deleted;
        }
    }

    /// <summary>The document as read (raw JSON per property) plus the values the turn touched.</summary>
    private sealed class CachedState
    {
        public CachedState(string key, StoreItem? item)
        {
            Key = key;
            ETag = item?.ETag;
            StoredJson = item?.Json ?? "{}";
            Stored = Parse(StoredJson);
        }

        public string Key { get; }

        public string? ETag { get; private set; }

        public string StoredJson { get; private set; }

        public Dictionary<string, JsonElement> Stored { get; private set; }

        public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

        public void Clear()
        {
            foreach (var name in Stored.Keys)
            {
                Values[name] = Deleted;
            }

            foreach (var name in Values.Keys.ToList())
            {
                Values[name] = Deleted;
            }
        }

        public string Serialize(JsonSerializerOptions options)
        {
            var names = new SortedSet<string>(Stored.Keys, StringComparer.Ordinal);
            names.UnionWith(Values.Keys);
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var name in names)
                {
                    if (Values.TryGetValue(name, out var value))
                    {
                        if (ReferenceEquals(value, Deleted))
                        {
                            continue;
                        }

                        writer.WritePropertyName(name);
                        if (value is null)
                        {
                            writer.WriteNullValue();
                        }
                        else
                        {
                            JsonSerializer.Serialize(writer, value, value.GetType(), options);
                        }
                    }
                    else
                    {
                        writer.WritePropertyName(name);
                        Stored[name].WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        public void MarkSaved(string json, string etag)
        {
            // Later saves in the same turn (the error handler's, a second middleware's) build on this write.
            StoredJson = json;
            ETag = etag;
        }

        /// <summary>
        /// A three-way merge: what this turn read (the base), what it wants to write (<paramref name="ours"/>)
        /// and what another writer saved meanwhile (<paramref name="theirs"/>). Every JSON value this turn
        /// changed from the base is applied to theirs, object by object down to single fields; where both
        /// changed the same field, this turn, the later writer, wins. The cache then holds the merge, to be
        /// written over their ETag.
        /// </summary>
        public string MergeInto(StoreItem? theirs, string ours)
        {
            var theirsJson = theirs?.Json ?? "{}";
            var merged = Merge(JsonNode.Parse(StoredJson), JsonNode.Parse(ours), JsonNode.Parse(theirsJson))?.ToJsonString() ?? "{}";
            ETag = theirs?.ETag;
            StoredJson = theirsJson;
            Stored = Parse(merged);
            Values.Clear();
            return merged;
        }

        private static JsonNode? Merge(JsonNode? baseline, JsonNode? ours, JsonNode? theirs)
        {
            if (JsonNode.DeepEquals(ours, baseline))
            {
                return theirs?.DeepClone();
            }

            if (JsonNode.DeepEquals(theirs, baseline) || ours is not JsonObject oursObject || theirs is not JsonObject theirsObject)
            {
                return ours?.DeepClone();
            }

            var baseObject = baseline as JsonObject;
            var result = new JsonObject();
            foreach (var name in theirsObject.Select(p => p.Key).Union(oursObject.Select(p => p.Key)).Union(baseObject?.Select(p => p.Key) ?? []))
            {
                var inOurs = oursObject.TryGetPropertyValue(name, out var ourValue);
                var inTheirs = theirsObject.TryGetPropertyValue(name, out var theirValue);
                var inBase = baseObject?.TryGetPropertyValue(name, out _) == true;
                var baseValue = inBase ? baseObject![name] : null;
                if (!inOurs && inBase)
                {
                    // This turn removed it: gone, unless the other writer changed it meanwhile.
                    if (inTheirs && !JsonNode.DeepEquals(theirValue, baseValue))
                    {
                        result[name] = theirValue?.DeepClone();
                    }

                    continue;
                }

                if (!inOurs)
                {
                    result[name] = theirValue?.DeepClone();
                    continue;
                }

                if (!inTheirs && inBase && JsonNode.DeepEquals(ourValue, baseValue))
                {
                    continue; // They removed it and this turn left it alone.
                }

                result[name] = inTheirs ? Merge(baseValue, ourValue, theirValue) : ourValue?.DeepClone();
            }

            return result;
        }

        private static Dictionary<string, JsonElement> Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.Clone();
            }

            return result;
        }
    }
}
