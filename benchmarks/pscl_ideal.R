# Binary IRT per UNGA session with pscl::ideal, for bench_idealpoints.py.
# Usage: Rscript pscl_ideal.R INDIR OUTCSV MAXITER BURNIN THIN
# INDIR holds session_<n>.csv: first column iso3, one column per roll call,
# 1 = yes, 0 = no, NA = abstain. Writes iso3, session, ideal_point, seconds.
suppressPackageStartupMessages(library(pscl))
args <- commandArgs(trailingOnly = TRUE)
indir <- args[1]; outcsv <- args[2]
maxiter <- as.integer(args[3]); burnin <- as.integer(args[4]); thin <- as.integer(args[5])
set.seed(20261128)
files <- list.files(indir, pattern = "^session_[0-9]+\\.csv$", full.names = TRUE)
out <- list()
for (f in files) {
  session <- as.integer(sub("^session_([0-9]+)\\.csv$", "\\1", basename(f)))
  m <- read.csv(f, check.names = FALSE, stringsAsFactors = FALSE)
  votes <- as.matrix(m[, -1, drop = FALSE])
  rc <- rollcall(votes, yea = 1, nay = 0, missing = NA, notInLegis = NULL,
                 legis.names = m[[1]], desc = paste("UNGA session", session))
  started <- proc.time()[["elapsed"]]
  fit <- ideal(rc, d = 1, maxiter = maxiter, burnin = burnin, thin = thin,
               normalize = TRUE, verbose = FALSE)
  seconds <- proc.time()[["elapsed"]] - started
  x <- fit$xbar[, 1]
  out[[length(out) + 1]] <- data.frame(iso3 = names(x), session = session, ideal_point = as.numeric(x),
                                       seconds = seconds)
}
write.csv(do.call(rbind, out), outcsv, row.names = FALSE)
