using System.CommandLine;
using Linq.Spark.Cli;

var root = new RootCommand("linq-spark: runs LINQ queries as Spark-style stage plans on this machine's cores.");
root.Subcommands.Add(DemoCommand.Create());
return root.Parse(args).Invoke();
