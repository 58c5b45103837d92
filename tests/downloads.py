"""A download's bytes, whether the response streams them (exports of any size) or not."""


def downloaded(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
