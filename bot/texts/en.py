"""The bot's English words, for users whose Telegram language is not Korean: the same names
as `bot/texts/ko.py`, with the same format fields except Korean's `{particle}`.

Telegram HTML templates: values are escaped by the code that fills them in, never here.
Product names, categories and reviews stay as the catalog writes them (in Korean).
"""

from __future__ import annotations

LANGUAGE = "en"

WELCOME = (
    "Hi! I'm <b>Cosmo</b> 🧴\n"
    "I find cosmetics by what their reviews say. Tell me about your skin or the feel you want, "
    "in your own words. (Products and reviews are in Korean; you can ask in English.)\n\n"
    "Try one of these 👇"
)
# the settings and examples part that both help texts end with
_SETTINGS_AND_EXAMPLES = (
    "<b>Settings</b>\n"
    "/category — choose a category\n"
    "/top — how many results\n"
    "/mode — how to search\n\n"
    "Try an example 👇"
)
HELP_GROUP = (
    "<b>How to use Cosmo</b>\n"
    "• In this group, ask with <code>/search your words</code>.\n"
    "• In a private chat with me (@{bot_username}), any message is a search of the reviews.\n"
    "• In any chat, type <code>@{bot_username} your words</code> to send a result.\n\n"
    + _SETTINGS_AND_EXAMPLES
)
HELP = (
    "<b>How to use Cosmo</b>\n"
    "• Send me any message and I search the reviews for it.\n"
    "• In groups, ask with <code>/search your words</code>.\n"
    "• In any chat, type <code>@{bot_username} your words</code> to send a result.\n\n"
    + _SETTINGS_AND_EXAMPLES
)
EXAMPLE_QUERIES = (
    "a cream for skin that feels tight in winter",
    "sunscreen that doesn't sting my eyes when I sweat",
    "a toner that calms breakouts",
    "shampoo that reduces hair loss",
)

# Searching
SEARCH_USAGE = "Add what to search for.\nFor example: <code>/search moisturizing cream for dry skin</code>"
INVALID_QUERY = ("I couldn't find words to search for. Describe your skin or the product you "
                 "want in letters.\nFor example: <i>moisturizer for oily skin</i>")
NO_INDEX = "There is no search index yet. Once an admin builds one with /reindex, you can search."
INDEX_MISMATCH = "The search index doesn't match the current model. Please ask an admin to /reindex."
BACKEND_DOWN = "The search server isn't answering right now. Please try again in a moment."
UNEXPECTED = "Sorry, something went wrong. Please try again in a moment."
SEARCH_INTERRUPTED = "The search was cut off. Please send the same words once more."
NO_RESULTS = "I found no product for ‘{query}’. Try other words."
NOTHING_FITS = "Our shop has no product for ‘{query}’."
NOTHING_FITS_WORDS = "We don't carry anything for {words}."
NOTHING_FITS_OFFER = "I can find these for you: {categories}"
NOTHING_FITS_EXAMPLE = "For example: <i>{example}</i>"
RATE_LIMITED = "Slow down a little! Too many searches. Please ask again in {seconds} s 🙏"

# Results
RESULTS_TITLE = "🔎 Results for <b>‘{query}’</b>"
SIMILAR_TITLE = "🧴 Products like <b>‘{name}’</b>"
RESULTS_FILTER = "Category: {category} · page {page} of {pages}"
CATEGORY_ALL = "All"
CARD_TITLE = "<b>{rank}. {name}</b>"
CARD_TITLE_UNRANKED = "<b>{name}</b>"
CARD_FACTS = "{brand} · {category} · {price} · ★{rating}"
CARD_REASON_REVIEW = "💬 Review (★{rating})"
CARD_REASON_LISTING = "📝 Product description"
CARD_SCORE = "score {score} · {mode} search"
PRICE = "₩{won:,}"
NOTICE = "ℹ️ {notice}"
# What a search's notice codes (engine.notices.Notice, and the bot's own) say; {chars} is the
# length of the part searched, {categories} the skipped filter categories.
NOTICES = {
    "query_truncated": "Your question was long, so I searched its first {chars} characters.",
    "unknown_category": "I skipped categories that don't exist: {categories}",
    "semantic_unavailable": "Meaning search is unavailable for now, so these are keyword results.",
    "reindex_needed": ("The index was built with another embedding model and needs a reindex. "
                       "These are keyword results for now."),
    "keyword_index_missing": ("This older index has no keyword part, so these are meaning-search "
                              "results. A reindex enables keyword and hybrid search."),
    "category_gone": "The category you chose is no longer in the index, so I searched all of them.",
}
MODE_LABELS = {"semantic": "meaning", "keyword": "keyword", "hybrid": "hybrid"}

# Buttons
BUTTON_PREVIOUS = "◀ Previous"
BUTTON_NEXT = "Next ▶"
BUTTON_SIMILAR = "Similar: {name}"
BUTTON_BUY = "🛒 Buy"
BUTTON_SHARE = "🔗 Copy link"
BUTTON_VOTE_UP = "👍 {rank}"
BUTTON_VOTE_DOWN = "👎 {rank}"
FEEDBACK_THANKS = {"u": "Thanks! Glad no. {rank} helped 👍",
                   "d": "No. {rank} didn't fit, then. Thanks for telling me 🙏"}
PRODUCT_GONE = "This product is no longer in the catalog. Please search again."
STALE_BUTTON = "The index was rebuilt, so this button no longer works. Please search again."
INVALID_BUTTON = "I can't handle this button."
SESSION_EXPIRED = "This search is too old to bring back. Please search again."
PAGE_SHOWN = "Page {page}"

# Per-chat settings
CATEGORY_PROMPT = "Choose a category to search in. (Now: {current})"
CATEGORY_SET = "I'll search in ‘{category}’ from now on."
TOP_PROMPT = "How many results should I show? (Now: {current})"
TOP_SET = "I'll show up to {top} results from now on."
MODE_PROMPT = "Choose how to search. (Now: {current})"
MODE_SET = "I'll use {mode} search from now on."
TOP_CHOICE = "{top}"
MODE_HINTS = {"semantic": "Meaning — reviews that mean the same",
              "keyword": "Keyword — reviews with the same words",
              "hybrid": "Hybrid — both together"}

# Inline mode
INLINE_START = "Describe the cosmetics you're looking for"
INLINE_NOTHING = "No results"

# Admin
ADMIN_ONLY = "Only admins can use this command."
ADMIN_EDITED_COMMAND = "I don't run commands from edited messages. Send the command as a new message."
ADMIN_FORWARDED_COMMAND = "I don't run commands from forwarded messages. Send the command yourself."
REINDEX_STARTED = "🔄 Started rebuilding the index…"
REINDEX_PROGRESS = "🔄 Rebuilding the index\n{stage}: {done:,}/{total:,} ({percent}%)"
REINDEX_STAGES = {"catalog": "reading the catalog", "embedding": "embedding reviews",
                  "writing": "saving the index", "done": "finishing"}
REINDEX_DONE = ("✅ The index is rebuilt.\n"
                "{products:,} products · {reviews:,} reviews\n"
                "took {seconds:.1f} s\n"
                "model <code>{model}</code>")
REINDEX_WARNINGS = "⚠️ {count} things to check: {first}"
REINDEX_BUSY = ("Already reindexing. The progress shows in the message of the admin who sent "
                "/reindex first.")
REINDEX_FAILED = ("❌ Could not rebuild the index.\nReason: {reason}\n"
                  "Searches keep using the previous index.")
FAILURE_CATALOG = "catalog error — {detail}"
FAILURE_EMBEDDING = "embedding backend error — {detail}"
FAILURE_SNAPSHOT = "error saving the index — {detail}"
FAILURE_UNEXPECTED = "unexpected error ({kind}). Please check the logs."
FAILURE_SHUTDOWN = "Stopped because the bot shut down. Send /reindex once the bot is back."
STATS = ("📊 <b>Cosmo status</b>\n"
         "Embeddings: {backend}\n"
         "Model: <code>{model}</code>\n"
         "Index: {products:,} products · {reviews:,} reviews · {documents:,} documents\n"
         "Index built: {created_at} ({age} ago)\n"
         "Uptime: {uptime}\n"
         "Searches: {queries:,}\n"
         "Response time: typically {p50:.0f} ms · slowest 5% from {p95:.0f} ms\n"
         "Cache hit rate: {cache:.0%}")
STATS_NO_INDEX = "none"
STATS_TIME = "%Y-%m-%d %H:%M UTC"
# How /stats names the embedding backend, by the start of its description; others as written.
STATS_BACKENDS = (("embedded multilingual-e5", "embedded e5 model"),
                  ("Hugging Face API", "Hugging Face API"),
                  ("sentence-transformers", "local sentence-transformers model"))
STATS_REINDEXING = "\n🔄 Rebuilding the index right now."
STATS_REPLICA = "\nInstance: <code>{replica}</code> · snapshot <code>{snapshot}</code>"
STATS_CLUSTER = "\nCluster (last minute): {count} — {replicas}"
STATS_CLUSTER_MEMBER = "<code>{replica}</code> <code>{snapshot}</code>"
STATS_INSIGHT = ("\n\n📈 <b>Searches in the last {days} days</b>: {searches:,}\n"
                 "Top queries: {top}\n"
                 "Queries that found nothing: {missed}\n"
                 "Queries with weak matches only: {weak}\n"
                 "Ratings: 👍 {up:,} · 👎 {down:,} (👎 rate {rate})")
STATS_INSIGHT_ITEM = "{query} ({count})"
STATS_INSIGHT_NONE = "none"
DURATION_UNITS = (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))

# The bot's profile: the empty-chat screen (up to 512 characters) and the profile line (120)
DESCRIPTION = ("Finds Korean cosmetics by what their reviews say. Describe your skin or the "
               "feel you want, in any language, and get the products whose reviews say so, "
               "with the review line as proof.")
SHORT_DESCRIPTION = "Finds cosmetics by their reviews 🧴"

# Command menu
COMMANDS = {
    "search": "find cosmetics by their reviews",
    "category": "choose a category",
    "top": "how many results",
    "mode": "how to search",
    "help": "how to use",
}
ADMIN_COMMANDS = {
    "reindex": "rebuild the index (admin)",
    "stats": "search status (admin)",
}
