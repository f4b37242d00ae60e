"""dateline: turn dated news articles into a sourced news timeline."""

__version__ = "0.1.0"
