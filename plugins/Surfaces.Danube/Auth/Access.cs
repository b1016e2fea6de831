namespace Webhooks.Modular.Surfaces.Danube.Auth;

/// <summary>What a route needs of its caller.</summary>
internal enum Access
{
    /// <summary>Reading subscriptions and deliveries: any signed-in user.</summary>
    Read,

    /// <summary>Publishing events and replaying deliveries: operators and up.</summary>
    Operate,

    /// <summary>Creating, changing, deleting subscriptions and rotating their secrets: developers, managers and admins.</summary>
    Manage,
}
