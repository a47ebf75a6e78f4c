import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { articlePath, publishedArticles } from '../articles/collection';
import { site } from '../site.config';

export const GET: APIRoute = async ({ site: origin }) => {
  const articles = await publishedArticles();
  return rss({
    title: site.name,
    description: site.description,
    site: origin!,
    items: articles.map((article) => ({
      title: article.data.title,
      description: article.data.description,
      link: articlePath(article.id),
      pubDate: article.data.published,
      categories: article.data.tags,
    })),
    customData: `<language>${site.lang}</language>`,
  });
};
