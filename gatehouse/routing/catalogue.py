"""The catalogue: public model names and the deployments that serve them."""

from __future__ import annotations

from dataclasses import dataclass

from gatehouse.config import GatehouseConfig
from gatehouse.errors import NotFound
from gatehouse.providers.base import Deployment, Endpoint

__all__ = ["CatalogueModel", "Catalogue"]


@dataclass(frozen=True, slots=True)
class CatalogueModel:
    name: str
    deployments: tuple[Deployment, ...]
    fallback: str | None
    family: str | None
    owned_by: str
    kind: str

    def serves(self, endpoint: Endpoint) -> bool:
        if self.kind == "embedding":
            return endpoint is Endpoint.EMBEDDINGS
        return endpoint is not Endpoint.EMBEDDINGS


class Catalogue:
    def __init__(self, models: dict[str, CatalogueModel], created: int = 1_700_000_000) -> None:
        self.models = models
        self.created = created

    @classmethod
    def from_config(cls, cfg: GatehouseConfig) -> Catalogue:
        models: dict[str, CatalogueModel] = {}
        for name, m in cfg.models.items():
            deps = tuple(
                Deployment(
                    id=f"{name}@{d.provider}/{d.region}#{i}",
                    public_model=name,
                    provider=d.provider,
                    upstream_model=d.model or name,
                    region=d.region,
                    weight=d.weight,
                    priority=d.priority,
                    price_tier=d.price_tier,
                )
                for i, d in enumerate(m.deployments)
            )
            models[name] = CatalogueModel(name, deps, m.fallback, m.family, m.owned_by, m.kind)
        return cls(models)

    def get(self, name: str) -> CatalogueModel:
        model = self.models.get(name)
        if model is None:
            raise NotFound(f"The model '{name}' does not exist or you do not have access to it.",
                           param="model", code="model_not_found")
        return model

    def deployment(self, deployment_id: str) -> Deployment | None:
        model = self.models.get(deployment_id.split("@", 1)[0])
        if model is None:
            return None
        return next((d for d in model.deployments if d.id == deployment_id), None)

    def describe(self, name: str) -> dict[str, object]:
        m = self.get(name)
        return {"id": m.name, "object": "model", "created": self.created, "owned_by": m.owned_by}
