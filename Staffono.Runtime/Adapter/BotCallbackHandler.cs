namespace Staffono.Runtime.Adapter;

/// <summary>The bot's turn logic, or a proactive callback.</summary>
public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);
