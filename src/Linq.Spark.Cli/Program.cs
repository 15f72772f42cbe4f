using Linq.Spark.Cli;

return LinqSparkCli.Run(args, Console.Out, Console.Error);
