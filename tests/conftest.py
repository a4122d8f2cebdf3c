"""Shared fixtures: the demonstration study and corpus of this repository."""

from pathlib import Path

import pytest

import framing

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SEED_ID = "000_9cd90cb41eb6c02b"


@pytest.fixture(scope="session")
def study():
    return framing.load_study(CORPUS / "study.yaml")


@pytest.fixture(scope="session")
def articles():
    return framing.read_corpus(CORPUS)


@pytest.fixture(scope="session")
def seed(articles):
    return articles[articles["doc_id"] == SEED_ID].reset_index(drop=True)
