using Webhooks.Modular.Samples.EmbeddedApp;

EmbeddedApplication.Build(args).Run();
