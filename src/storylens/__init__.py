"""storylens: turn raw news pages from many outlets into stories, compared side by side."""

__version__ = "0.1.0"
