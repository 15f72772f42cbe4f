Console.WriteLine("Build this project to see one diagnostic of each Linq.Spark analyzer rule (LQS001-LQS013).");
