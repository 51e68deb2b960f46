"""Every transition of 规范性文件 (one module per entity). Views, the demo and tests call these."""

from fazhi.normative.services.cleanup import (  # noqa: F401
    cleanup_apply,
    cleanup_decide,
    cleanup_list_documents,
)
from fazhi.normative.services.documents import (  # noqa: F401
    consultation_close,
    consultation_start,
    deliberation_record,
    document_amend,
    document_expire,
    document_file,
    document_publish,
    document_repeal,
    review_record,
    review_submit,
)
