import { rm } from 'node:fs/promises';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { finalize, type Observable } from 'rxjs';

/**
 * Removes the uploaded temporary file once the request is answered, whatever the answer: also
 * when validation or a guard refused the request after the upload had been written to disk.
 * Listed after the file interceptor, so it runs once the upload is on disk.
 */
@Injectable()
export class RemoveUploadedFile implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ file?: { path?: string } }>();
    return next.handle().pipe(
      finalize(() => {
        if (request.file?.path) void rm(request.file.path, { force: true });
      }),
    );
  }
}
