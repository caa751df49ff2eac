"""Korean notices the engine attaches to search responses, kept together for proofreading."""

TRUNCATED_NOTICE = "질문이 길어서 앞부분 {chars}자만 검색했어요."
UNKNOWN_CATEGORY_NOTICE = "없는 카테고리는 건너뛰었어요: "
SEMANTIC_UNAVAILABLE_NOTICE = "문맥 검색을 잠시 쓸 수 없어서 키워드 검색 결과를 보여 드려요."
REINDEX_NEEDED_NOTICE = "색인이 다른 임베딩 모델로 만들어져 재색인이 필요해요. 지금은 키워드 검색 결과예요."
KEYWORD_INDEX_MISSING_NOTICE = "키워드 색인이 없는 예전 색인이라 문맥 검색 결과예요. 재색인하면 키워드·하이브리드 검색을 쓸 수 있어요."
