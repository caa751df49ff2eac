"""The bot's Korean words (`bot/texts/en.py` holds the same names in English).

Telegram HTML templates: values are escaped by the code that fills them in, never here.
`{particle}` is a Korean particle agreeing with the word before it (`bot.josa`); no other
language has one.
"""

from __future__ import annotations

LANGUAGE = "ko"

WELCOME = (
    "안녕하세요! 저는 <b>코스모</b>예요 🧴\n"
    "리뷰에 적힌 말로 화장품을 찾아 드려요. 피부 고민이나 원하는 느낌을 편하게 적어 주세요.\n\n"
    "이렇게 물어보세요 👇"
)
# the settings and examples part that both help texts end with
_SETTINGS_AND_EXAMPLES = (
    "<b>설정</b>\n"
    "/category — 카테고리 고르기\n"
    "/top — 결과 개수 정하기\n"
    "/mode — 검색 방식 고르기\n\n"
    "예시 검색어를 눌러 보세요 👇"
)
HELP_GROUP = (
    "<b>코스모 사용법</b>\n"
    "• 이 그룹에서는 <code>/search 검색어</code> 로 물어보세요.\n"
    "• 저와 1:1 대화(@{bot_username})에서는 아무 말이나 보내면 리뷰를 검색해요.\n"
    "• 어느 채팅에서나 <code>@{bot_username} 검색어</code> 로 결과를 보낼 수 있어요.\n\n"
    + _SETTINGS_AND_EXAMPLES
)
HELP = (
    "<b>코스모 사용법</b>\n"
    "• 저에게 바로 메시지를 보내면 리뷰를 검색해요.\n"
    "• 그룹에서는 <code>/search 검색어</code> 로 물어보세요.\n"
    "• 어느 채팅에서나 <code>@{bot_username} 검색어</code> 로 결과를 보낼 수 있어요.\n\n"
    + _SETTINGS_AND_EXAMPLES
)
EXAMPLE_QUERIES = (
    "겨울에 얼굴 땅기는 거 잡아줄 크림",
    "바르고 땀 나도 눈 안 시린 선크림",
    "트러블 났을 때 진정되는 토너",
    "머리 빠지는 거 줄여주는 샴푸",
)

# Searching
SEARCH_USAGE = "검색어를 함께 적어 주세요.\n예: <code>/search 건조한 피부 보습 크림</code>"
INVALID_QUERY = ("검색할 단어를 찾지 못했어요. 피부 고민이나 원하는 제품을 글자로 적어 주세요.\n"
                 "예: <i>지성 피부 수분크림</i>")
NO_INDEX = "아직 검색 색인이 없어요. 관리자가 /reindex 로 색인을 만들면 검색할 수 있어요."
INDEX_MISMATCH = "검색 색인이 지금 모델과 맞지 않아요. 관리자에게 /reindex 를 부탁해 주세요."
BACKEND_DOWN = "검색 서버가 잠시 응답하지 않아요. 조금 뒤에 다시 시도해 주세요."
UNEXPECTED = "죄송해요, 처리하는 중에 문제가 생겼어요. 조금 뒤에 다시 시도해 주세요."
SEARCH_INTERRUPTED = "검색이 중간에 끊겼어요. 같은 검색어를 한 번 더 보내 주세요."
NO_RESULTS = "‘{query}’에 맞는 제품을 찾지 못했어요. 다른 말로 검색해 보세요."
NOTHING_FITS = "‘{query}’에 맞는 제품은 저희 가게에 없어요."
NOTHING_FITS_WORDS = "{words}{particle} 관련된 제품은 다루지 않아요."
NOTHING_FITS_OFFER = "이런 제품을 찾아 드릴 수 있어요: {categories}"
NOTHING_FITS_EXAMPLE = "예: <i>{example}</i>"
RATE_LIMITED = "조금만 천천히요! 검색이 너무 잦아요. {seconds}초 뒤에 다시 물어봐 주세요 🙏"

# Results
RESULTS_TITLE = "🔎 <b>‘{query}’</b> 검색 결과"
SIMILAR_TITLE = "🧴 <b>‘{name}’</b>{particle} 비슷한 제품"
RESULTS_FILTER = "카테고리: {category} · {page}/{pages}쪽"
CATEGORY_ALL = "전체"
CARD_TITLE = "<b>{rank}. {name}</b>"
CARD_TITLE_UNRANKED = "<b>{name}</b>"
CARD_FACTS = "{brand} · {category} · {price} · ★{rating}"
CARD_REASON_REVIEW = "💬 리뷰 (★{rating})"
CARD_REASON_LISTING = "📝 상품 설명"
CARD_SCORE = "점수 {score} · {mode} 검색"
PRICE = "{won:,}원"
NOTICE = "ℹ️ {notice}"
# What a search's notice codes (engine.notices.Notice, and the bot's own) say; {chars} is the
# length of the part searched, {categories} the skipped filter categories.
NOTICES = {
    "query_truncated": "질문이 길어서 앞부분 {chars}자만 검색했어요.",
    "unknown_category": "없는 카테고리는 건너뛰었어요: {categories}",
    "semantic_unavailable": "문맥 검색을 잠시 쓸 수 없어서 키워드 검색 결과를 보여 드려요.",
    "reindex_needed": "색인이 다른 임베딩 모델로 만들어져 재색인이 필요해요. 지금은 키워드 검색 결과예요.",
    "keyword_index_missing": ("키워드 색인이 없는 예전 색인이라 문맥 검색 결과예요. "
                              "재색인하면 키워드·하이브리드 검색을 쓸 수 있어요."),
    "category_gone": "고른 카테고리가 색인에 없어서 전체에서 검색했어요.",
}
MODE_LABELS = {"semantic": "문맥", "keyword": "키워드", "hybrid": "하이브리드"}

# Buttons
BUTTON_PREVIOUS = "◀ 이전"
BUTTON_NEXT = "다음 ▶"
BUTTON_SIMILAR = "비슷한 제품: {name}"
BUTTON_BUY = "🛒 구매하기"
BUTTON_SHARE = "🔗 링크 복사"
BUTTON_VOTE_UP = "👍 {rank}"
BUTTON_VOTE_DOWN = "👎 {rank}"
FEEDBACK_THANKS = {"u": "{rank}번이 도움이 됐다고 알려 주셔서 고마워요 👍",
                   "d": "{rank}번이 맞지 않았군요. 알려 주셔서 고마워요 🙏"}
PRODUCT_GONE = "이 제품은 이제 목록에 없어요. 다시 검색해 주세요."
STALE_BUTTON = "색인이 새로 만들어져서 이 버튼은 더 이상 쓸 수 없어요. 다시 검색해 주세요."
INVALID_BUTTON = "이 버튼은 처리할 수 없어요."
SESSION_EXPIRED = "오래된 검색이라 다시 불러올 수 없어요. 다시 검색해 주세요."
PAGE_SHOWN = "{page}쪽"

# Per-chat settings
CATEGORY_PROMPT = "검색할 카테고리를 골라 주세요. (지금: {current})"
CATEGORY_SET = "이제 ‘{category}’ 카테고리에서 검색할게요."
TOP_PROMPT = "검색 결과를 몇 개까지 볼까요? (지금: {current}개)"
TOP_SET = "이제 결과를 {top}개까지 보여 드릴게요."
MODE_PROMPT = "검색 방식을 골라 주세요. (지금: {current})"
MODE_SET = "이제 {mode} 검색을 할게요."
TOP_CHOICE = "{top}개"
MODE_HINTS = {"semantic": "문맥 — 뜻이 비슷한 리뷰", "keyword": "키워드 — 같은 단어가 나오는 리뷰",
              "hybrid": "하이브리드 — 둘을 합쳐서"}

# Inline mode
INLINE_START = "찾고 싶은 화장품을 적어 주세요"
INLINE_NOTHING = "검색 결과가 없어요"

# Admin
ADMIN_ONLY = "이 명령은 관리자만 쓸 수 있어요."
ADMIN_EDITED_COMMAND = "수정한 메시지로는 명령을 실행하지 않아요. 명령을 새 메시지로 보내 주세요."
ADMIN_FORWARDED_COMMAND = "전달된 메시지로는 명령을 실행하지 않아요. 명령을 직접 보내 주세요."
REINDEX_STARTED = "🔄 색인을 다시 만들기 시작했어요…"
REINDEX_PROGRESS = "🔄 색인 다시 만드는 중\n{stage}: {done:,}/{total:,} ({percent}%)"
REINDEX_STAGES = {"catalog": "카탈로그 읽기", "embedding": "리뷰 임베딩", "writing": "색인 저장",
                  "done": "마무리"}
REINDEX_DONE = ("✅ 색인을 새로 만들었어요.\n"
                "제품 {products:,}개 · 리뷰 {reviews:,}개\n"
                "걸린 시간 {seconds:.1f}초\n"
                "모델 <code>{model}</code>")
REINDEX_WARNINGS = "⚠️ 확인할 점 {count}개: {first}"
REINDEX_BUSY = "이미 색인 중이에요. 진행 상황은 먼저 /reindex 를 보낸 관리자의 메시지에 나와요."
REINDEX_FAILED = "❌ 색인을 다시 만들지 못했어요.\n이유: {reason}\n기존 색인으로 계속 검색하고 있어요."
FAILURE_CATALOG = "카탈로그 오류 — {detail}"
FAILURE_EMBEDDING = "임베딩 백엔드 오류 — {detail}"
FAILURE_SNAPSHOT = "색인 저장 오류 — {detail}"
FAILURE_UNEXPECTED = "예상하지 못한 오류 ({kind}). 로그를 확인해 주세요."
FAILURE_SHUTDOWN = "봇이 종료되면서 중단됐어요. 봇이 다시 켜지면 /reindex 를 보내 주세요."
STATS = ("📊 <b>코스모 상태</b>\n"
         "임베딩: {backend}\n"
         "모델: <code>{model}</code>\n"
         "색인: 제품 {products:,}개 · 리뷰 {reviews:,}개 · 문서 {documents:,}개\n"
         "색인 만든 때: {created_at} ({age} 전)\n"
         "가동 시간: {uptime}\n"
         "검색 수: {queries:,}회\n"
         "응답 시간: 보통 {p50:.0f}밀리초 · 느린 5%는 {p95:.0f}밀리초 이상\n"
         "캐시 적중률: {cache:.0%}")
STATS_NO_INDEX = "없음"
STATS_TIME = "%Y-%m-%d %H:%M (세계 표준시)"
# How /stats names the embedding backend, by the start of its description; others as written.
STATS_BACKENDS = (("embedded multilingual-e5", "내장 e5 모델"),
                  ("Hugging Face API", "허깅페이스 API"),
                  ("sentence-transformers", "sentence-transformers 로컬 모델"))
STATS_REINDEXING = "\n🔄 지금 색인을 다시 만드는 중이에요."
STATS_REPLICA = "\n인스턴스: <code>{replica}</code> · 스냅샷 <code>{snapshot}</code>"
STATS_CLUSTER = "\n클러스터 (최근 1분): {count}개 — {replicas}"
STATS_CLUSTER_MEMBER = "<code>{replica}</code> <code>{snapshot}</code>"
STATS_INSIGHT = ("\n\n📈 <b>최근 {days}일 검색</b> {searches:,}회\n"
                 "많이 찾은 검색어: {top}\n"
                 "찾는 제품이 없던 검색어: {missed}\n"
                 "약하게만 맞은 검색어: {weak}\n"
                 "평가: 👍 {up:,} · 👎 {down:,} (👎 비율 {rate})")
STATS_INSIGHT_ITEM = "{query} ({count})"
STATS_INSIGHT_NONE = "없음"
DURATION_UNITS = (("일", 86400), ("시간", 3600), ("분", 60), ("초", 1))

# The bot's profile: the empty-chat screen (up to 512 characters) and the profile line (120)
DESCRIPTION = ("리뷰에 적힌 말로 화장품을 찾아 드려요. \"겨울에 얼굴 땅기는 거 잡아줄 크림\"처럼 "
               "피부 고민이나 원하는 느낌을 적으면, 그렇게 말한 리뷰가 있는 제품을 리뷰 문장과 함께 보여 드려요.")
SHORT_DESCRIPTION = "리뷰로 화장품을 찾아 주는 봇이에요 🧴"

# Command menu
COMMANDS = {
    "search": "리뷰로 화장품 찾기",
    "category": "카테고리 고르기",
    "top": "결과 개수 정하기",
    "mode": "검색 방식 고르기",
    "help": "사용법",
}
ADMIN_COMMANDS = {
    "reindex": "색인 다시 만들기 (관리자)",
    "stats": "검색 상태 보기 (관리자)",
}
