from .countries import CountryIndexPage, CountryPage
from .news import NewsIndexPage, NewsPage
from .pages import HomePage, StandardPage
from .rounds import RoundIndexPage, RoundPage
from .search import SearchPage

__all__ = [
    "CountryIndexPage",
    "CountryPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "RoundIndexPage",
    "RoundPage",
    "SearchPage",
    "StandardPage",
]
