"""System checks for a production topology (``manage.py check --deploy``): a shared cache and task broker
(Redis), and media every web machine reaches when there are several (``core.topology``). The production
settings refuse to start with the same messages; these report them for any other settings module too."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from core.topology import (
    PROXY_HOPS_CHECK_ID,
    REDIS_CHECK_ID,
    SHARED_MEDIA_CHECK_ID,
    proxy_hops_problem,
    redis_problem,
    shared_media_problem,
)


def _message(problem: str) -> str:
    return problem.split("] ", 1)[-1]


@register(Tags.caches, deploy=True)
def redis_check(app_configs, **kwargs) -> list[Error]:
    if problem := redis_problem(getattr(settings, "REDIS_URL", "")):
        return [Error(_message(problem), hint="README: Object storage and topology.", id=REDIS_CHECK_ID)]
    return []


@register(Tags.security, deploy=True)
def shared_media_check(app_configs, **kwargs) -> list[Error]:
    problem = shared_media_problem(
        nodes=getattr(settings, "WEB_NODES", 1),
        storages=settings.STORAGES,
        shared_filesystem=getattr(settings, "MEDIA_SHARED_FILESYSTEM", False),
    )
    return [Error(_message(problem), id=SHARED_MEDIA_CHECK_ID)] if problem else []


@register(Tags.security, deploy=True)
def proxy_hops_check(app_configs, **kwargs) -> list[Error]:
    nodes, hops = getattr(settings, "WEB_NODES", 1), getattr(settings, "TRUSTED_PROXY_HOPS", None)
    problem = proxy_hops_problem(nodes=nodes, hops=hops)
    return [Error(_message(problem), id=PROXY_HOPS_CHECK_ID)] if problem else []
