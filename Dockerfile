# commitgen in a container, for teams that do not want to install Pango and the fonts:
#
#   docker build -t commitgen .
#   docker run --rm -v "$PWD:/work" -u "$(id -u):$(id -g)" commitgen check
#   docker run --rm -v "$PWD:/work" -u "$(id -u):$(id -g)" commitgen build
#   docker run --rm -v "$PWD:/work" -p 127.0.0.1:8000:8000 commitgen serve --host 0.0.0.0
#
# Debian 12 (bookworm), as the tests run on: Pango (WeasyPrint's text layout), the Inter
# typeface of the default theme, DejaVu for what Inter lacks, HarfBuzz's subsetter.
FROM python:3.12-slim-bookworm

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0=1.50.* libpangoft2-1.0-0=1.50.* \
      fonts-inter=4.* fonts-dejavu-core=2.* libharfbuzz-subset0=6.* \
 && rm -rf /var/lib/apt/lists/*

# The distribution is commitgen-charters, installed from this source tree with the
# exact library versions the tests ran with (never the bare name "commitgen" from the
# package index: that is another project).
WORKDIR /opt/commitgen
COPY pyproject.toml constraints.txt README.md LICENSE ./
COPY commitgen ./commitgen
COPY templates ./templates
RUN python -m pip install --no-cache-dir -c constraints.txt . \
 && commitgen --version

WORKDIR /work
ENV PYTHONDONTWRITEBYTECODE=1
ENTRYPOINT ["commitgen"]
CMD ["--help"]
